package org.supplysync.batch.move;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.supplysync.batch.control.CurrentRun;
import org.supplysync.batch.control.JobRun;
import org.supplysync.site.entity.Site;
import org.supplysync.store.boundary.Stores;

/**
 * The store's data is in the target's queue. The job's exit status says so, and whether the site the store left has
 * no active store any more: the seed's last step, such a site can be retired (POST /api/sites/{id}/retire).
 */
@Named
@Dependent
public class MoveCompletes extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    CurrentRun current;

    @Inject
    Stores stores;

    @Override
    public String process() {
        JobRun run = current.run();
        int oldSite = run.otherSiteId();
        String queued = "SITE " + run.siteId() + ": " + run.queued() + " records queued of " + run.done() + " examined";
        String status = oldSite != Site.CENTRAL && stores.activeOn(oldSite).isEmpty()
                ? "SITE " + oldSite + " HAS NO STORE: it can be retired; " + queued
                : queued;
        job.setExitStatus(status);
        return status;
    }
}
