package org.supplysync.batch.resync;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.batch.control.CurrentRun;
import org.supplysync.batch.control.ExecutionsHere;
import org.supplysync.batch.control.JobRun;
import org.supplysync.resync.boundary.Holdings;
import org.supplysync.resync.boundary.HoldingsPage;
import org.supplysync.resync.boundary.Position;

import java.io.Serializable;

/**
 * Reads the central copy page by page (one page an item, one item a chunk) for the run's selection. It starts from the
 * run's position as committed with the last chunk's records, not from the runtime's checkpoint, so a restart after a
 * kill never skips or repeats a page. When the application stops, the job stops itself after the page it reads then.
 */
@Named
@Dependent
public class HoldingsReader extends AbstractItemReader {

    @Inject
    CurrentRun current;

    @Inject
    Holdings holdings;

    @Inject
    @ConfigProperty(name = "supplysync.resync.page-records", defaultValue = "1000")
    int pageRecords;

    @Inject
    ExecutionsHere here;

    private JobRun run;
    private Position position;
    private boolean end;
    private boolean stopAsked;

    @Override
    public void open(Serializable checkpoint) {
        run = current.run();
        position = run.position();
        end = false;
    }

    @Override
    public Object readItem() {
        if (end) {
            return null;
        }
        if (here.applicationStopping() && !stopAsked) {
            // The application stops (InterruptedJobs waits for it): this page is the run's last until it starts again.
            stopAsked = true;
            BatchRuntime.getJobOperator().stop(current.executionId());
        }
        HoldingsPage page = holdings.page(Selections.of(run), position, pageRecords);
        position = page.last();
        end = page.end();
        return page.examined() == 0 ? null : page;
    }

    @Override
    public Serializable checkpointInfo() {
        // For the console only (a String: the runtime deserialises checkpoints outside the application); see open().
        return position.tableName() + "/" + position.recordId();
    }
}
