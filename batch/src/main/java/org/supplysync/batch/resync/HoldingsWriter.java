package org.supplysync.batch.resync;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.enterprise.context.Dependent;
import org.supplysync.batch.control.CurrentRun;
import org.supplysync.batch.control.JobRun;
import org.supplysync.batch.control.JobRuns;
import org.supplysync.resync.boundary.Holdings;
import org.supplysync.resync.boundary.HoldingsPage;

import java.util.List;

/** Queues a page's records for the run's site and moves the run's position on, in the chunk's one transaction. */
@Named
@Dependent
public class HoldingsWriter extends AbstractItemWriter {

    @Inject
    CurrentRun current;

    @Inject
    Holdings holdings;

    @Inject
    JobRuns runs;

    private JobRun run;

    @Override
    public void open(java.io.Serializable checkpoint) {
        run = current.run();
    }

    @Override
    public void writeItems(List<Object> items) {
        for (Object item : items) {
            HoldingsPage page = (HoldingsPage) item;
            holdings.queue(run.siteId(), page.records());
            runs.advance(run.runId(), page.last(), page.examined(), page.records().size());
        }
    }
}
