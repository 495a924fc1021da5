package org.supplysync.batch.resync;

import org.supplysync.batch.control.JobRun;
import org.supplysync.batch.control.Jobs;
import org.supplysync.platform.Jsons;
import org.supplysync.resync.boundary.Selection;

/** What each job queues for its run's site. */
final class Selections {

    private Selections() {
    }

    static Selection of(JobRun run) {
        return switch (run.jobName()) {
            case Jobs.MOVE_STORE -> Selection.storeFor(run.siteId(), Jsons.parse(run.parameters()).getString("storeId"));
            case Jobs.RESEND_PATIENTS -> Selection.patientsOf(run.siteId(), Jsons.parse(run.parameters()).getString("storeId"));
            default -> Selection.everythingFor(run.siteId());
        };
    }
}
