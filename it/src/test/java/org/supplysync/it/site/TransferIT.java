package org.supplysync.it.site;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supplysync.client.local.LocalRecord;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.sync.RemoteSite;
import org.supplysync.client.sync.SyncListener;
import org.supplysync.client.sync.SyncReport;
import org.supplysync.it.DeployedApplication;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.site.ServerUnderTest.ADMIN;
import static org.supplysync.it.site.ServerUnderTest.BASE_URI;

/** Two sites exchange a transfer end to end, through the real server. */
class TransferIT extends DeployedApplication {

    @TempDir
    Path dir;

    @Test
    void aCustomerInvoiceFromAStoreOnSiteAToAStoreOnSiteBReachesSiteB() {
        String run = ServerUnderTest.unique("TRF");
        String nameA = run.toLowerCase() + "-a";
        String nameB = run.toLowerCase() + "-b";
        int siteA = ServerUnderTest.newSite(nameA);
        int siteB = ServerUnderTest.newSite(nameB);
        String storeA = run + "_STORE_A";
        String storeB = run + "_STORE_B";
        ADMIN.createStore(storeA, "A", "Store A " + run, run + "_NAME_A", siteA);
        ADMIN.createStore(storeB, "B", "Store B " + run, run + "_NAME_B", siteB);
        // Transfers need visibility both ways: A's name in B, B's name in A.
        ServerUnderTest.centralEdits(List.of(
                ServerUnderTest.join(run + "_NSJ1", run + "_NAME_A", storeB),
                ServerUnderTest.join(run + "_NSJ2", run + "_NAME_B", storeA)));

        try (RemoteSite a = RemoteSite.open(dir.resolve("a.db")).configure(BASE_URI, nameA, "pw-" + nameA);
             RemoteSite b = RemoteSite.open(dir.resolve("b.db")).configure(BASE_URI, nameB, "pw-" + nameB)) {
            SyncReport first = a.sync(SyncListener.SILENT);
            assertThat(first.initialised()).isTrue();
            b.sync(SyncListener.SILENT);
            assertThat(a.db().activeStores(siteA)).containsExactly(storeA);
            assertThat(b.db().activeStores(siteB)).containsExactly(storeB);
            // Each site got the other store's record with its transfer copy.
            assertThat(a.db().get("store", storeB)).isPresent();
            assertThat(b.db().get("store", storeA)).isPresent();

            String invoiceId = run + "_CI1";
            ObjectNode invoice = AdminApi.JSON.createObjectNode().put("ID", invoiceId).put("store_ID", storeA)
                    .put("name_ID", run + "_NAME_B").put("invoice_num", 1).put("type", "ci").put("status", "fn")
                    .put("mode", "store").put("entry_date", "2026-03-01").put("entry_time", 3600)
                    .put("comment", "transfer to B");
            ObjectNode line = AdminApi.JSON.createObjectNode().put("ID", run + "_TL1").put("transaction_ID", invoiceId)
                    .put("item_ID", "ITEM").put("item_name", "Paracetamol").put("quantity", 12).put("pack_size", 1)
                    .put("type", "stock_out").put("batch", "B1").put("expiry_date", "2028-01-31");
            a.db().put("transact", invoiceId, invoice);
            a.db().put("trans_line", run + "_TL1", line);

            SyncReport push = a.sync(SyncListener.SILENT);
            assertThat(push.pushed()).isEqualTo(2);
            assertThat(push.refused()).isEmpty();
            // The central made B's supplier invoice and its line: A gets them in the same sync, B with the invoice.
            assertThat(push.pulledQueue()).isEqualTo(2);
            String supplierInvoice = ADMIN.transfer("transact", invoiceId).orElseThrow().path("respondingId").asText();
            assertThat(a.db().get("transact", supplierInvoice)).isPresent();
            SyncReport pull = b.sync(SyncListener.SILENT);
            assertThat(pull.pulledQueue()).isGreaterThanOrEqualTo(2);

            LocalRecord received = b.db().get("transact", invoiceId).orElseThrow();
            assertThat(received.deleted()).isFalse();
            assertThat(received.data().path("name_ID").asText()).isEqualTo(run + "_NAME_B");
            assertThat(received.data().path("comment").asText()).isEqualTo("transfer to B");
            assertThat(b.db().get("trans_line", run + "_TL1")).hasValueSatisfying(
                    r -> assertThat(r.data().path("quantity").asInt()).isEqualTo(12));
            assertThat(b.db().get("transact", supplierInvoice)).hasValueSatisfying(
                    r -> assertThat(r.data().path("linked_transaction_id").asText()).isEqualTo(invoiceId));
            // B never pushes what it received, and A never gets its own invoice back.
            assertThat(b.sync(SyncListener.SILENT).pushed()).isZero();
            assertThat(a.sync(SyncListener.SILENT).pulledQueue()).isZero();
            assertThat(ADMIN.record("transact", invoiceId)).isPresent();
        }
    }
}
