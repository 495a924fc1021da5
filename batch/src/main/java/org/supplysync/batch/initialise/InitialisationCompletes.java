package org.supplysync.batch.initialise;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.supplysync.batch.control.CurrentRun;
import org.supplysync.batch.control.JobRun;
import org.supplysync.site.boundary.Sites;

/** Every record the site must hold is in its queue: the site's initialisation is complete and its status idle. */
@Named
@Dependent
public class InitialisationCompletes extends AbstractBatchlet {

    @Inject
    CurrentRun current;

    @Inject
    Sites sites;

    @Override
    public String process() {
        JobRun run = current.run();
        sites.initialisationCompleted(run.siteId());
        JobRun done = current.run();
        return "SITE " + run.siteId() + ": " + done.queued() + " records queued of " + done.done() + " examined";
    }
}
