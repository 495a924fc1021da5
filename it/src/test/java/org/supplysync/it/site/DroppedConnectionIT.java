package org.supplysync.it.site;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.sync.RemoteSite;
import org.supplysync.client.sync.SiteSettings;
import org.supplysync.client.sync.SyncFailure;
import org.supplysync.client.sync.SyncListener;
import org.supplysync.client.sync.Synchroniser;
import org.supplysync.it.DeployedApplication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.supplysync.it.site.ServerUnderTest.ADMIN;

/**
 * A connection dropped in the middle of a pull: the sync fails with a readable message, the local database keeps
 * every batch stored before the drop with its cursor, and the next sync resumes and ends with nothing lost.
 */
class DroppedConnectionIT extends DeployedApplication {

    private static final int RECORDS = 260;

    @TempDir
    Path dir;

    @Test
    void aPullCutInTheMiddleOfTheQueueOrTheCentralChangeLogResumesWithoutLoss() throws Exception {
        String run = ServerUnderTest.unique("CUT");
        String siteName = run.toLowerCase();
        int siteId = ServerUnderTest.newSite(siteName);
        String store = run + "_STORE";
        ADMIN.createStore(store, "C", "Store " + run, run + "_NAME", siteId);

        // Queued for the site: visibility records of its store (central-store data). Central: items.
        List<ObjectNode> edits = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            edits.add(ServerUnderTest.join(run + "_NSJ" + i, run + "_SUPPLIER" + i, store));
            edits.add(ServerUnderTest.edit("item", run + "_ITEM" + i, item(run + "_ITEM" + i)));
        }
        ServerUnderTest.centralEdits(edits);

        try (CuttingProxy proxy = new CuttingProxy(ServerUnderTest.BASE_URI);
             RemoteSite site = RemoteSite.open(dir.resolve("site.db")).configure(proxy.uri(), siteName, "pw-" + siteName)
                     .withSettings(Synchroniser.Settings.standard().withBatches(1024, 200, 50))) {
            // 1. The third page of the site's queue is cut off.
            proxy.cut("GET /sync/v5/queued_records", 3);
            assertThatThrownBy(() -> site.sync(SyncListener.SILENT))
                    .isInstanceOf(SyncFailure.class)
                    .satisfies(e -> assertThat(((SyncFailure) e).step()).isEqualTo("pull queued records"))
                    .hasMessageContaining("connection dropped");
            assertThat(proxy.cuts()).isEqualTo(1);
            assertThat(site.db().setting(SiteSettings.LAST_ERROR)).hasValueSatisfying(
                    error -> assertThat(error).contains("pull queued records"));
            // Two whole pages were stored (and acknowledged); nothing is integrated yet and nothing half-stored.
            long centralCursor = Long.parseLong(site.db().setting(SiteSettings.CENTRAL_CURSOR).orElseThrow());
            assertThat(centralCursor).isPositive();
            assertThat(site.db().get("name_store_join", run + "_NSJ0")).isEmpty();
            long buffered = site.db().buffered();
            assertThat(buffered).isGreaterThanOrEqualTo(100);

            site.sync(SyncListener.SILENT);
            for (int i = 0; i < RECORDS; i++) {
                assertThat(site.db().get("name_store_join", run + "_NSJ" + i)).as("join %d", i).isPresent();
                assertThat(site.db().get("item", run + "_ITEM" + i)).as("item %d", i).isPresent();
            }
            assertThat(site.db().buffered()).isZero();

            // 2. More central data; the second page of the central change log is cut off.
            List<ObjectNode> more = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                more.add(ServerUnderTest.edit("item", run + "_MORE" + i, item(run + "_MORE" + i)));
            }
            ServerUnderTest.centralEdits(more);
            long before = Long.parseLong(site.db().setting(SiteSettings.CENTRAL_CURSOR).orElseThrow());
            proxy.cut("GET /sync/v5/central_records", 2);
            assertThatThrownBy(() -> site.sync(SyncListener.SILENT))
                    .isInstanceOf(SyncFailure.class)
                    .satisfies(e -> assertThat(((SyncFailure) e).step()).isEqualTo("pull central records"));
            long after = Long.parseLong(site.db().setting(SiteSettings.CENTRAL_CURSOR).orElseThrow());
            // The first page was stored with its cursor, in one transaction; the cut page was not.
            assertThat(after).isGreaterThan(before);
            assertThat(site.db().buffered()).isEqualTo(200);

            proxy.disarm();
            site.sync(SyncListener.SILENT);
            for (int i = 0; i < RECORDS; i++) {
                assertThat(site.db().get("item", run + "_MORE" + i)).as("item %d", i).isPresent();
            }
            assertThat(ADMIN.site(siteId).path("queueLength").asLong()).isZero();
        }
    }

    private static ObjectNode item(String id) {
        return AdminApi.JSON.createObjectNode().put("ID", id).put("item_name", "Item " + id).put("code", id)
                .put("unit_ID", "").put("type_of", "general").put("default_pack_size", 1);
    }
}
