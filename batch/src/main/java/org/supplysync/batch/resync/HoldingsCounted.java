package org.supplysync.batch.resync;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.supplysync.batch.control.CurrentRun;
import org.supplysync.batch.control.JobRun;
import org.supplysync.batch.control.JobRuns;
import org.supplysync.resync.boundary.Holdings;

/** The run knows how many records of the central copy its selection examines: the total of its progress. */
@Named
@Dependent
public class HoldingsCounted extends AbstractBatchlet {

    @Inject
    CurrentRun current;

    @Inject
    Holdings holdings;

    @Inject
    JobRuns runs;

    @Override
    public String process() {
        JobRun run = current.run();
        long total = holdings.candidates(Selections.of(run));
        runs.total(run.runId(), total);
        return "SITE " + run.siteId() + ": " + total + " records of the central copy to examine";
    }
}
