package org.supplysync.batch.initialise;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.supplysync.batch.control.CurrentRun;
import org.supplysync.batch.control.JobRun;
import org.supplysync.batch.control.JobRuns;
import org.supplysync.resync.boundary.Holdings;
import org.supplysync.site.boundary.Sites;

/**
 * The site says "initialisation in progress" from now until the job ends, its central-data cursor is back at 0, and
 * the run knows how many records of the central copy it will examine.
 */
@Named
@Dependent
public class InitialisationBegins extends AbstractBatchlet {

    @Inject
    CurrentRun current;

    @Inject
    Sites sites;

    @Inject
    Holdings holdings;

    @Inject
    JobRuns runs;

    @Override
    public String process() {
        JobRun run = current.run();
        sites.initialisationStarted(run.siteId());
        long total = holdings.candidates();
        runs.total(run.runId(), total);
        return "SITE " + run.siteId() + ": " + total + " records of the central copy to examine";
    }
}
