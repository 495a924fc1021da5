package org.supplysync.batch.move;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import org.supplysync.batch.control.CurrentRun;
import org.supplysync.batch.control.JobRun;
import org.supplysync.batch.control.JobRuns;
import org.supplysync.platform.Jsons;
import org.supplysync.resync.boundary.Holdings;
import org.supplysync.store.boundary.Stores;

/**
 * The store becomes active on the target site and the site it leaves keeps a transfer copy (a collector copy when
 * asked): from this commit on, the old site's pushes of the store's data are refused and the intake routes the
 * store's new data to the target. The run knows how many records of the central copy it will examine.
 */
@Named
@Dependent
public class StoreMoves extends AbstractBatchlet {

    @Inject
    CurrentRun current;

    @Inject
    Stores stores;

    @Inject
    Holdings holdings;

    @Inject
    JobRuns runs;

    @Override
    public String process() {
        JobRun run = current.run();
        JsonObject parameters = Jsons.parse(run.parameters());
        String storeId = parameters.getString("storeId");
        boolean keepCollector = parameters.getBoolean("keepCollector", false);
        stores.moveTo(storeId, run.otherSiteId(), run.siteId(), keepCollector);
        long total = holdings.candidates();
        runs.total(run.runId(), total);
        return "STORE " + storeId + " ACTIVE ON SITE " + run.siteId() + "; site " + run.otherSiteId() + " keeps a "
                + (keepCollector ? "collector" : "transfer") + " copy";
    }
}
