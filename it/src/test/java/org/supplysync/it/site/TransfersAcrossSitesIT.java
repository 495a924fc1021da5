package org.supplysync.it.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.local.LocalRecord;
import org.supplysync.client.simulate.SiteRecords;
import org.supplysync.client.sync.RemoteSite;
import org.supplysync.client.sync.SyncListener;
import org.supplysync.client.sync.SyncReport;
import org.supplysync.it.DeployedApplication;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.site.ServerUnderTest.ADMIN;
import static org.supplysync.it.site.ServerUnderTest.BASE_URI;

/**
 * Transfers between stores of different sites, completed on the central server (issue 10), end to end over HTTP with
 * the seed's topology (sync-rules.md, "The seed's examples"): the central (site 1) with A and E, site 2 with B and F,
 * site 3 with C and D; B and C have transfer copies on each other's sites, A a collector copy on site 2, F only a
 * transfer copy on the central. Each remote site is the reference client (a SQLite database synced as Open mSupply
 * syncs); what the responding Open mSupply site does on its own (numbering a -1, picking stock) the test does to its
 * database, as that site would, and pushes.
 */
class TransfersAcrossSitesIT extends DeployedApplication {

    /** The fields an Open mSupply site cannot parse a row without (msupply-sync-v5.md §3.9–3.15, §3.24). */
    private static final Map<String, String> REQUIRED = Map.of(
            "transact", "ID store_ID name_ID invoice_num type status mode user_ID hold comment their_ref prescriber_ID"
                    + " currency_ID currency_rate goods_received_ID original_PO_ID requisition_ID linked_transaction_id"
                    + " nameInsuranceJoinID donor_default_id insuranceDiscountAmount insuranceDiscountRate entry_date"
                    + " entry_time confirm_date confirm_time finalised_date finalised_time",
            "trans_line", "ID transaction_ID item_ID item_name item_line_ID location_ID batch expiry_date pack_size"
                    + " cost_price sell_price type quantity note optionID linked_transact_id donor_id"
                    + " vaccine_vial_monitor_status_ID volume_per_pack",
            "requisition", "ID serial_number name_ID store_ID type status user_ID date_entered lastModifiedAt"
                    + " requester_reference linked_requisition_id thresholdMOS daysToSupply comment authorisationStatus"
                    + " orderType periodID programID",
            "requisition_line", "ID requisition_ID item_ID itemName Cust_stock_order suggested_quantity actualQuan"
                    + " stock_on_hand daily_usage approved_quantity authoriser_comment comment om_snapshot_datetime"
                    + " Cust_prev_stock_balance Cust_stock_received Cust_stock_issued stockLosses stockAdditions"
                    + " stockExpiring days_out_or_new_demand optionID Cust_loss_adjust",
            "Goods_received", "ID store_ID purchase_order_ID serial_number status comment supplier_reference"
                    + " user_id_created entry_date donor_id",
            "Goods_received_line", "ID goods_received_ID item_ID item_name pack_received quantity_received cost_price"
                    + " batch_received expiry_date comment location_ID volume_per_pack",
            "message", "ID toStoreID fromStoreID body createdDate createdTime status type");

    @TempDir
    static Path dir;

    static String run;
    static RemoteSite site2;
    static RemoteSite site3;
    static String a;
    static String b;
    static String c;
    static String d;
    static String f;

    @BeforeAll
    static void theSeedsTopology() {
        run = ServerUnderTest.unique("TX");
        String name2 = run.toLowerCase(Locale.ROOT) + "-2";
        String name3 = run.toLowerCase(Locale.ROOT) + "-3";
        int id2 = ServerUnderTest.newSite(name2);
        int id3 = ServerUnderTest.newSite(name3);
        a = store("A", 1);
        store("E", 1);
        b = store("B", id2);
        f = store("F", id2);
        c = store("C", id3);
        d = store("D", id3);
        // B and C trade with each other (transfer copies both ways); B orders from A, whose collector is on site 2.
        ServerUnderTest.centralEdits(List.of(join(b, c), join(c, b), join(a, b)));
        ADMIN.syncWith(a, id2, "ACTIVE_COLLECTOR");
        ADMIN.syncWith(f, 1, "TRANSFER");
        assertThat(ADMIN.store(b).path("syncWith").path(Integer.toString(id3)).asText()).isEqualTo("TRANSFER");
        assertThat(ADMIN.store(c).path("syncWith").path(Integer.toString(id2)).asText()).isEqualTo("TRANSFER");

        site2 = RemoteSite.open(dir.resolve("site2.db")).configure(BASE_URI, name2, "pw-" + name2);
        site3 = RemoteSite.open(dir.resolve("site3.db")).configure(BASE_URI, name3, "pw-" + name3);
        assertThat(sync(site2).initialised()).isTrue();
        assertThat(sync(site3).initialised()).isTrue();
    }

    @AfterAll
    static void closeSites() {
        site2.close();
        site3.close();
    }

    @Test
    void aCustomerInvoiceFromCToBBecomesASupplierInvoiceInBThatSite2NumbersAndSite3Learns() {
        String ci = id("CI");
        String line = id("CIL");
        site3.db().put("transact", ci, invoice(ci, c, b, "cn"));
        site3.db().put("trans_line", line, SiteRecords.transLine(line, ci, "ITEM1", "B7", "stock_out", 12));
        sync(site3);
        sync(site2);
        assertThat(site2.db().get("transact", ci)).as("before it is finalised, the ci is C's data only").isEmpty();

        site3.db().put("transact", ci, invoice(ci, c, b, "fn"));
        sync(site3);
        JsonNode transfer = ADMIN.transfer("transact", ci).orElseThrow();
        assertThat(transfer.path("status").asText()).isEqualTo("CREATED");
        String si = transfer.path("respondingId").asText();
        String siLine = onlyLineOf(site3, "trans_line", "transaction_ID", si).recordId();
        assertThat(number(site3, si)).as("site 3 holds both halves").isEqualTo(-1);

        sync(site2);
        assertThat(site2.db().get("transact", ci)).hasValueSatisfying(r -> assertThat(r.data().path("status").asText()).isEqualTo("fn"));
        assertThat(site2.db().get("trans_line", line)).as("the line pushed before the trigger comes along").isPresent();
        ObjectNode received = fullRow(site2, "transact", si);
        assertThat(received.path("type").asText()).isEqualTo("si");
        assertThat(received.path("store_ID").asText()).isEqualTo(b);
        assertThat(received.path("name_ID").asText()).isEqualTo("N_" + c);
        assertThat(received.path("hold").asBoolean()).isTrue();
        assertThat(received.path("invoice_num").asInt()).isEqualTo(-1);
        assertThat(received.path("linked_transaction_id").asText()).isEqualTo(ci);
        assertThat(received.fieldNames()).toIterable().noneMatch(field -> field.startsWith("om_"));
        ObjectNode receivedLine = fullRow(site2, "trans_line", siLine);
        assertThat(receivedLine.path("type").asText()).isEqualTo("stock_in");
        assertThat(receivedLine.path("quantity").asDouble()).isEqualTo(12);
        assertThat(receivedLine.path("linked_transact_id").asText()).isEqualTo(ci);

        // Site 2 numbers its supplier invoice (Open mSupply's AssignInvoiceNumber) and pushes it.
        site2.db().put("transact", si, received.deepCopy().put("invoice_num", 7));
        assertThat(sync(site2).pushed()).isEqualTo(1);
        sync(site3);
        assertThat(number(site3, si)).isEqualTo(7);
        ObjectNode message = fullRow(site3, "message", messageAbout(site3, si).recordId());
        assertThat(message.path("toStoreID").asText()).isEqualTo(c);
        assertThat(message.path("fromStoreID").asText()).isEqualTo(b);
        assertThat(message.path("body").path("number").asInt()).isEqualTo(7);
        assertThat(message.path("body").path("initiatingId").asText()).isEqualTo(ci);

        // Later changes follow the normal rules; the central never touches B's invoice again.
        site3.db().put("transact", ci, invoice(ci, c, b, "fn").put("comment", "after numbering"));
        site2.db().put("transact", si, received.deepCopy().put("invoice_num", 7).put("status", "cn"));
        sync(site3);
        sync(site2);
        sync(site3);
        assertThat(site2.db().get("transact", ci).orElseThrow().data().path("comment").asText()).isEqualTo("after numbering");
        assertThat(number(site2, si)).as("site 2's own invoice never comes back to it").isEqualTo(7);
        assertThat(site3.db().get("transact", si).orElseThrow().data().path("status").asText()).isEqualTo("cn");
        assertThat(ADMIN.transfer("transact", ci).orElseThrow().path("respondingId").asText()).isEqualTo(si);
        assertThat(invoicesLinkedTo(site2, ci)).hasSize(1);
    }

    @Test
    void aRequisitionFromBToAGetsAResponseInAAndSite3WithBsTransferCopyGetsNothingOfIt() {
        String request = id("RQ");
        String requestLine = id("RQL");
        site2.db().put("requisition", request, request(request, b, a));
        site2.db().put("requisition_line", requestLine, requestLine(requestLine, request));
        sync(site2);
        JsonNode transfer = ADMIN.transfer("requisition", request).orElseThrow();
        String response = transfer.path("respondingId").asText();
        assertThat(transfer.path("respondingStore").asText()).isEqualTo(a);

        sync(site2);
        ObjectNode received = fullRow(site2, "requisition", response);
        assertThat(received.path("type").asText()).isEqualTo("response");
        assertThat(received.path("store_ID").asText()).isEqualTo(a);
        assertThat(received.path("serial_number").asInt()).isEqualTo(-1);
        assertThat(received.path("linked_requisition_id").asText()).isEqualTo(request);
        String responseLine = onlyLineOf(site2, "requisition_line", "requisition_ID", response).recordId();
        assertThat(fullRow(site2, "requisition_line", responseLine).path("Cust_stock_order").asDouble()).isEqualTo(200);

        // A is active on the central: its number comes from an edit there; B hears of it.
        ADMIN.recordsAllAccepted(List.of(AdminApi.update("requisition", response, received.deepCopy().put("serial_number", 5))));
        sync(site2);
        assertThat(site2.db().get("requisition", response).orElseThrow().data().path("serial_number").asInt()).isEqualTo(5);
        assertThat(fullRow(site2, "message", messageAbout(site2, response).recordId()).path("toStoreID").asText()).isEqualTo(b);

        sync(site3);
        assertThat(site3.db().get("requisition", request)).isEmpty();
        assertThat(site3.db().get("requisition_line", requestLine)).isEmpty();
        assertThat(site3.db().get("requisition", response)).isEmpty();
        assertThat(site3.db().get("requisition_line", responseLine)).isEmpty();
    }

    @Test
    void aPurchaseOrderFromBToCBecomesACustomerInvoiceInCThenGoodsReceivedInB() {
        Order order = order(false);

        // Site 3 picks stock for the placeholder, adds a line of its own, numbers and finalises the invoice.
        String extra = id("CIL");
        ObjectNode picked = order.placeholder.deepCopy().put("type", "stock_out").put("batch", "B9")
                .put("expiry_date", "2028-06-30").put("pack_size", 10).put("quantity", 30).put("sell_price", 4.5);
        site3.db().put("trans_line", order.placeholderId, picked);
        site3.db().put("trans_line", extra, SiteRecords.transLine(extra, order.invoice, "ITEM2", "X1", "stock_out", 5));
        site3.db().put("transact", order.invoice, order.invoiceRow.deepCopy().put("invoice_num", 31).put("status", "fn"));
        sync(site3);
        JsonNode supply = ADMIN.transfer("transact", order.invoice).orElseThrow();
        assertThat(supply.path("kind").asText()).isEqualTo("SUPPLY");
        String goodsReceived = supply.path("respondingId").asText();

        sync(site2);
        assertThat(number(site2, order.invoice)).isEqualTo(31);
        assertThat(messageAbout(site2, order.invoice).data().path("toStoreID").asText()).isEqualTo(b);
        ObjectNode gr = fullRow(site2, "Goods_received", goodsReceived);
        assertThat(gr.path("store_ID").asText()).isEqualTo(b);
        assertThat(gr.path("purchase_order_ID").asText()).isEqualTo(order.order);
        assertThat(gr.path("serial_number").asInt()).isEqualTo(-1);
        List<LocalRecord> grLines = linesOf(site2, "Goods_received_line", "goods_received_ID", goodsReceived);
        assertThat(grLines).hasSize(2);
        grLines.forEach(grLine -> fullRow(site2, "Goods_received_line", grLine.recordId()));
        LocalRecord fromOrder = grLines.stream().filter(l -> l.data().path("item_ID").asText().equals("ITEM1")).findFirst().orElseThrow();
        assertThat(fromOrder.data().path("order_line_ID").asText()).isEqualTo(order.orderLine);
        assertThat(fromOrder.data().path("quantity_received").asDouble()).isEqualTo(30);
        assertThat(fromOrder.data().path("pack_received").asDouble()).isEqualTo(10);
        sync(site3);
        assertThat(site3.db().get("Goods_received", goodsReceived)).as("both halves go to both sites").isPresent();
        assertThat(ADMIN.record("purchase_order_line", order.orderLine).orElseThrow().path("recordData")
                .has("quan_rec_to_date"))
                .as("without centralised procurement the ordering site keeps received quantities").isFalse();
    }

    @Test
    void withCentralisedProcurementTheCentralKeepsTheReceivedQuantitiesOfTheOrderLines() {
        ADMIN.centralisedProcurement(true);
        try {
            Order order = order(true);
            site3.db().put("trans_line", order.placeholderId, order.placeholder.deepCopy().put("type", "stock_out")
                    .put("batch", "B9").put("pack_size", 10).put("quantity", 30));
            site3.db().put("transact", order.invoice, order.invoiceRow.deepCopy().put("invoice_num", 32).put("status", "fn"));
            sync(site3);
            sync(site2);
            assertThat(site2.db().get("purchase_order_line", order.orderLine).orElseThrow().data()
                    .path("quan_rec_to_date").asDouble()).isEqualTo(300);

            // Site 2 receives fewer than were sent: the order line follows, on the central and on site 2.
            String goodsReceived = ADMIN.transfer("transact", order.invoice).orElseThrow().path("respondingId").asText();
            LocalRecord grLine = onlyLineOf(site2, "Goods_received_line", "goods_received_ID", goodsReceived);
            site2.db().put("Goods_received_line", grLine.recordId(), grLine.data().deepCopy().put("quantity_received", 25));
            sync(site2);
            sync(site2);
            assertThat(ADMIN.record("purchase_order_line", order.orderLine).orElseThrow().path("recordData")
                    .path("quan_rec_to_date").asDouble()).isEqualTo(250);
            assertThat(site2.db().get("purchase_order_line", order.orderLine).orElseThrow().data()
                    .path("quan_rec_to_date").asDouble()).isEqualTo(250);

            // Purchase orders are the primary's now: site 2 cannot edit one.
            String own = id("PO");
            site2.db().put("purchase_order", own, purchaseOrder(own, b, c, "nw"));
            sync(site2);
            assertThat(ADMIN.record("purchase_order", own)).isEmpty();
            assertThat(ADMIN.refusals(site2.siteId())).anyMatch(refusal -> refusal.path("recordId").asText().equals(own));
        } finally {
            ADMIN.centralisedProcurement(false);
        }
    }

    @Test
    void aRetriedOrRepushedInitiatingHalfNeverMakesASecondResponse() {
        String ci = id("CI");
        String line = id("CIL");
        ObjectNode invoice = invoice(ci, c, b, "fn");
        ArrayNode batch = AdminApi.JSON.createArrayNode();
        batch.add(envelope("transact", ci, invoice, 1));
        batch.add(envelope("trans_line", line, SiteRecords.transLine(line, ci, "ITEM1", "B1", "stock_out", 3), 2));
        // The same batch twice, as a client does when the answer to its first try was lost, then the final one.
        for (int attempt = 0; attempt < 2; attempt++) {
            site3.api().push(AdminApi.JSON.createObjectNode().put("queueLength", 2).set("data", batch));
        }
        site3.api().push(AdminApi.JSON.createObjectNode().put("queueLength", 0).set("data", AdminApi.JSON.createArrayNode()));
        awaitIdle(site3);
        String si = ADMIN.transfer("transact", ci).orElseThrow().path("respondingId").asText();

        // Site 3 links its outbound to the inbound it received (as Open mSupply does) and pushes it again.
        sync(site3);
        site3.db().put("transact", ci, invoice.deepCopy().put("linked_transaction_id", si));
        site3.db().put("transact", ci, invoice.deepCopy().put("linked_transaction_id", si).put("comment", "again"));
        sync(site3);
        sync(site2);
        assertThat(invoicesLinkedTo(site2, ci)).extracting(LocalRecord::recordId).containsExactly(si);
        assertThat(linesOf(site2, "trans_line", "transaction_ID", si)).hasSize(1);
        assertThat(ADMIN.transfer("transact", ci).orElseThrow().path("respondingId").asText()).isEqualTo(si);

        // A responding half a site made itself: the central makes none.
        String other = id("CI");
        String bySite2 = id("SI");
        site2.db().put("transact", bySite2, SiteRecords.transact(bySite2, b, "N_" + c, 3, "si", "", "2026-11-30", 60)
                .put("linked_transaction_id", other));
        sync(site2);
        site3.db().put("transact", other, invoice(other, c, b, "fn"));
        sync(site3);
        JsonNode found = ADMIN.transfer("transact", other).orElseThrow();
        assertThat(found.path("status").asText()).isEqualTo("FOUND");
        assertThat(found.path("respondingId").asText()).isEqualTo(bySite2);
        sync(site2);
        assertThat(invoicesLinkedTo(site2, other)).extracting(LocalRecord::recordId).containsExactly(bySite2);
    }

    @Test
    void aTransferToAnUnknownOrInvisibleStoreIsKeptAsStoreDataAndListedAsFailed() {
        String toA = id("CI");
        String toNobody = id("CI");
        // A is not visible in C; N_<run>-GONE stands for no store.
        site3.db().put("transact", toA, invoice(toA, c, a, "fn"));
        site3.db().put("transact", toNobody, invoice(toNobody, c, "GONE", "fn"));
        sync(site3);
        sync(site2);

        assertThat(ADMIN.record("transact", toA)).isPresent();
        assertThat(ADMIN.record("transact", toNobody)).isPresent();
        assertThat(site2.db().get("transact", toA)).as("not to A's collector on site 2").isEmpty();
        Map<String, String> reasons = new java.util.HashMap<>();
        ADMIN.failedTransfers().forEach(t -> reasons.put(t.path("initiatingId").asText(), t.path("reason").asText()));
        assertThat(reasons.get(toA)).contains("is not visible in store " + c);
        assertThat(reasons.get(toNobody)).startsWith("unknown store: N_GONE");
        assertThat(invoicesLinkedTo(site3, toA)).isEmpty();
    }

    @Test
    void aTransferBetweenTwoStoresOfOneSiteMakesNothing() {
        String ci = id("CI");
        site3.db().put("transact", ci, invoice(ci, c, d, "fn"));
        sync(site3);

        assertThat(ADMIN.transfer("transact", ci).orElseThrow().path("status").asText()).isEqualTo("LOCAL");
        assertThat(ADMIN.transfer("transact", ci).orElseThrow().path("respondingId").isTextual()).isFalse();
        assertThat(ADMIN.record("transact", ci)).isPresent();
        sync(site2);
        assertThat(site2.db().get("transact", ci)).isEmpty();
    }

    // --- an internal order up to the supplier's invoice ----------------------------------------------------------

    /** B's purchase order to C, confirmed, and the customer invoice the central made for it in C, as site 3 has it. */
    private record Order(String order, String orderLine, String invoice, ObjectNode invoiceRow, String placeholderId,
                         ObjectNode placeholder) {
    }

    private static Order order(boolean centralised) {
        String order = id("PO");
        String orderLine = id("POL");
        ObjectNode row = purchaseOrder(order, b, c, "cn");
        ObjectNode line = AdminApi.JSON.createObjectNode().put("ID", orderLine).put("store_ID", b)
                .put("purchase_order_ID", order).put("line_number", 1).put("item_ID", "ITEM1").put("item_name", "Paracetamol")
                .put("quan_original_order", 300).put("packsize_ordered", 10).put("price_extension_expected", 0)
                .put("comment", "").put("manufacturer_ID", "").put("note", "").put("pack_units", "");
        if (centralised) {
            ADMIN.recordsAllAccepted(List.of(AdminApi.update("purchase_order", order, row),
                    AdminApi.update("purchase_order_line", orderLine, line)));
        } else {
            site2.db().put("purchase_order", order, row);
            site2.db().put("purchase_order_line", orderLine, line);
            sync(site2);
        }
        JsonNode transfer = ADMIN.transfer("purchase_order", order).orElseThrow();
        assertThat(transfer.path("kind").asText()).isEqualTo("ORDER");
        String invoice = transfer.path("respondingId").asText();

        sync(site3);
        assertThat(site3.db().get("purchase_order", order)).as("the order goes to the supplier's site too").isPresent();
        ObjectNode invoiceRow = fullRow(site3, "transact", invoice);
        assertThat(invoiceRow.path("type").asText()).isEqualTo("ci");
        assertThat(invoiceRow.path("store_ID").asText()).isEqualTo(c);
        assertThat(invoiceRow.path("name_ID").asText()).isEqualTo("N_" + b);
        assertThat(invoiceRow.path("original_PO_ID").asText()).isEqualTo(order);
        LocalRecord placeholder = onlyLineOf(site3, "trans_line", "transaction_ID", invoice);
        ObjectNode placeholderRow = fullRow(site3, "trans_line", placeholder.recordId());
        assertThat(placeholderRow.path("type").asText()).isEqualTo("placeholder");
        assertThat(placeholderRow.path("quantity").asDouble()).isEqualTo(300);
        sync(site2);
        assertThat(site2.db().get("transact", invoice)).as("both halves go to both sites").isPresent();
        return new Order(order, orderLine, invoice, invoiceRow, placeholder.recordId(), placeholderRow);
    }

    // --- records as the sites make them --------------------------------------------------------------------------

    private static ObjectNode invoice(String id, String store, String customerStore, String status) {
        return SiteRecords.transact(id, store, "N_" + customerStore, 17, "ci", "weekly", "2026-11-30", 3600)
                .put("status", status);
    }

    private static ObjectNode request(String id, String store, String supplierStore) {
        return AdminApi.JSON.createObjectNode().put("ID", id).put("serial_number", 4).put("store_ID", store)
                .put("name_ID", "N_" + supplierStore).put("type", "request").put("status", "fn").put("user_ID", "")
                .put("date_entered", "2026-11-30").put("lastModifiedAt", 1_790_000_000).put("requester_reference", "")
                .put("linked_requisition_id", "").put("thresholdMOS", 1).put("daysToSupply", 90).put("comment", "")
                .put("authorisationStatus", "").put("orderType", "").put("periodID", "").put("programID", "");
    }

    private static ObjectNode requestLine(String id, String request) {
        ObjectNode line = AdminApi.JSON.createObjectNode().put("ID", id).put("requisition_ID", request)
                .put("item_ID", "ITEM1").put("itemName", "Paracetamol").put("authoriser_comment", "").put("comment", "")
                .put("om_snapshot_datetime", "").put("optionID", "");
        for (String field : REQUIRED.get("requisition_line").split(" ")) {
            if (!line.has(field)) {
                line.put(field, field.equals("Cust_stock_order") ? 200 : 0);
            }
        }
        return line;
    }

    private static ObjectNode purchaseOrder(String id, String store, String supplierStore, String status) {
        return AdminApi.JSON.createObjectNode().put("ID", id).put("name_ID", "N_" + supplierStore).put("store_ID", store)
                .put("serial_number", 8).put("creation_date", "2026-11-30").put("status", status).put("comment", "")
                .put("confirm_date", "2026-11-30").put("po_sent_date", "0000-00-00")
                .put("Date_contract_signed", "0000-00-00").put("Date_advance_payment", "0000-00-00")
                .put("Date_goods_received_at_port", "0000-00-00");
    }

    // --- reading what a site holds ----------------------------------------------------------------------------------

    /** The record the site holds, with every field Open mSupply needs to parse it. */
    private static ObjectNode fullRow(RemoteSite site, String table, String id) {
        ObjectNode row = site.db().get(table, id).orElseThrow(() -> new AssertionError(table + " " + id + " not on the site"))
                .data();
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED.get(table).split(" ")) {
            if (!row.hasNonNull(field)) {
                missing.add(field);
            }
        }
        assertThat(missing).as("%s %s misses required fields", table, id).isEmpty();
        return row;
    }

    private static List<LocalRecord> linesOf(RemoteSite site, String table, String parentField, String parentId) {
        return site.db().liveRecords().stream().filter(r -> r.tableName().equals(table))
                .filter(r -> parentId.equals(r.data().path(parentField).asText())).toList();
    }

    private static LocalRecord onlyLineOf(RemoteSite site, String table, String parentField, String parentId) {
        List<LocalRecord> lines = linesOf(site, table, parentField, parentId);
        assertThat(lines).as("the lines of %s", parentId).hasSize(1);
        return lines.get(0);
    }

    private static List<LocalRecord> invoicesLinkedTo(RemoteSite site, String invoice) {
        return site.db().liveRecords().stream().filter(r -> r.tableName().equals("transact"))
                .filter(r -> invoice.equals(r.data().path("linked_transaction_id").asText()))
                .filter(r -> !r.recordId().equals(invoice)).filter(r -> !r.data().path("type").asText().equals("ci"))
                .toList();
    }

    private static LocalRecord messageAbout(RemoteSite site, String respondingId) {
        return site.db().liveRecords().stream().filter(r -> r.tableName().equals("message"))
                .filter(r -> respondingId.equals(r.data().path("body").path("respondingId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no log message about " + respondingId));
    }

    private static int number(RemoteSite site, String invoice) {
        return site.db().get("transact", invoice).orElseThrow().data().path("invoice_num").asInt();
    }

    // --- set-up and syncs --------------------------------------------------------------------------------------------

    private static SyncReport sync(RemoteSite site) {
        SyncReport report = site.sync(SyncListener.SILENT);
        assertThat(report.refused()).as("refused").isEmpty();
        assertThat(report.integrationErrors()).as("integration errors").isEmpty();
        return report;
    }

    private static void awaitIdle(RemoteSite site) {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            if ("idle".equals(site.api().siteStatus().path("code").asText())) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the site's push did not integrate within 30 s");
    }

    private static ObjectNode envelope(String table, String id, ObjectNode data, int syncOutId) {
        ObjectNode record = AdminApi.JSON.createObjectNode().put("tableName", table).put("recordId", id)
                .put("action", "Update").put("syncOutId", Integer.toString(syncOutId));
        record.set("recordData", data);
        return record;
    }

    private static String store(String letter, int siteId) {
        String id = run + "_" + letter;
        ADMIN.createStore(id, run + letter, "Store " + letter + " " + run, "N_" + id, siteId);
        return id;
    }

    /** The name of store {@code visible} made visible in store {@code in}. */
    private static ObjectNode join(String visible, String in) {
        return ServerUnderTest.join(ServerUnderTest.unique("NSJ"), "N_" + visible, in);
    }

    private static String id(String prefix) {
        return ServerUnderTest.unique(prefix);
    }
}
