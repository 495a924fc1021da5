package org.supplysync.routing.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;
import org.supplysync.store.entity.SyncWithType;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.store.entity.SyncWithType.ACTIVE_COLLECTOR;
import static org.supplysync.store.entity.SyncWithType.TRANSFER;

/**
 * Where an accepted change goes, row by row, written from the seed's stores A–F and sync-rules.md, not from the
 * code. Sites: 1 = the central server (never a queue: its copy is the central copy), 2 = remote site 1,
 * 3 = remote site 2 (sync-rules.md, "The seed's examples as acceptance scenarios"):
 * <pre>
 * store  active on  central copy  site 2     site 3
 *   A       1        active       collector  none
 *   B       2        collector    active     transfer
 *   C       3        collector    transfer   active
 *   D       3        collector    none       active
 *   E       1        active       none       none
 *   F       2        transfer     active     none
 * </pre>
 * Each store's name record is NAME_x; SUPPLIER is a name that stands for no store. Every row names the rule it
 * encodes. A row that fails means the policy and the rules disagree: fix the policy, not the row.
 */
class RoutingPolicyTest {

    // The registry rows the rows need (migration V1), all made by type(...).
    private static final DataType ITEM = type("item", DataTypeKind.CENTRAL, null, null, null, null, null);
    private static final DataType NAME = type("name", DataTypeKind.CENTRAL, null, null, null, null, "ID");
    private static final DataType ABBREVIATION = type("abbreviation", DataTypeKind.CENTRAL, null, null, null, null, null);
    private static final DataType STORE = type("store", DataTypeKind.CENTRAL_STORE, "ID", null, null, null, null);
    private static final DataType PREF = type("pref", DataTypeKind.CENTRAL_STORE, "store_ID", null, null, null, null);
    private static final DataType NAME_STORE_JOIN = type("name_store_join", DataTypeKind.CENTRAL_STORE, "store_ID",
            null, null, null, "name_ID");
    private static final DataType LOCATION = type("Location", DataTypeKind.STORE, "store_ID", null, null, null, null);
    private static final DataType ITEM_LINE = type("item_line", DataTypeKind.STORE, "store_ID", null, null, null, null);
    private static final DataType TRANSACT = type("transact", DataTypeKind.STORE, "store_ID", null, null, "name_ID", null);
    private static final DataType TRANS_LINE = type("trans_line", DataTypeKind.STORE, null, "transact", "transaction_ID",
            null, null);
    private static final DataType REQUISITION = type("requisition", DataTypeKind.STORE, "store_ID", null, null, "name_ID",
            null);
    private static final DataType REQUISITION_LINE = type("requisition_line", DataTypeKind.STORE, null, "requisition",
            "requisition_ID", null, null);
    private static final DataType PURCHASE_ORDER_LINE = type("purchase_order_line", DataTypeKind.STORE, null,
            "purchase_order", "purchase_order_ID", null, null);
    private static final DataType GOODS_RECEIVED = type("Goods_received", DataTypeKind.STORE, "store_ID", null, null,
            null, null);
    private static final DataType INSURANCE = type("nameInsuranceJoin", DataTypeKind.PATIENT, null, null, null, null,
            "nameID");
    private static final DataType MESSAGE = type("message", DataTypeKind.MESSAGE, "toStoreID", null, null, null, null);
    private static final DataType PREFERENCE = type("preference", DataTypeKind.LOCAL, null, null, null, null, null);
    private static final DataType SITE = type("site", DataTypeKind.SYNC, null, null, null, null, null);
    private static final DataType USER = type("user", DataTypeKind.TO_CENTRAL, null, null, null, null, null);

    // Rule citations.
    private static final String CENTRAL = "sync-rules.md Data types: Central -> every site (through the central change log)";
    private static final String CENTRAL_STORE = "sync-rules.md Data types: Central store -> the site where that store is active";
    private static final String STORE_RECORD = "sync-rules.md Data types: store records -> every site whose sync-with is not NONE;"
            + " seed 'Stores': the store record propagates to any site where 'syncs with' is not None";
    private static final String STORE_DATA = "sync-rules.md Data types: Store -> the central (if its copy is a collector) and every"
            + " site with a collector copy; seed: store data 'only synced to any site where the store exists as a collector copy'";
    private static final String TRANSFER_COPY = "seed 'Transfer' store type: a transfer copy 'doesn't receive any other store"
            + " data (such as stock lines)'";
    private static final String TRANSFERS = "sync-rules.md Where transfer records go: the sites of the two stores that take"
            + " part (active sites and collector copies, the central included) and no other site";
    private static final String BEFORE_TRIGGER = "sync-rules.md Transfers: until it is triggered the initiating half is"
            + " only its store's data and goes where that store's data goes";
    private static final String FAILED = "sync-rules.md Transfers: a transfer the central cannot complete is still the"
            + " initiating site's own record, kept and routed as store data";
    private static final String LOCAL_TRANSFERS = "sync-rules.md Transfers: between two stores active on the same site,"
            + " done locally; the central only stores them";
    private static final String OWN_BACK = "sync-rules.md Delivery: a site's own records are not sent back to it";
    private static final String PATIENT = "sync-rules.md Data types: Patient -> the central and every site with an"
            + " active/collector store in which the patient is visible";
    private static final String MESSAGES = "sync-rules.md Data types: Message -> by sending and receiving store";
    private static final String LOCAL = "sync-rules.md Data types: Local -> nowhere";
    private static final String SYNC = "sync-rules.md Data types: Sync -> nowhere directly";
    private static final String USERS = "sync-rules.md Users: a site pushes the users it creates; the central keeps them"
            + " and routes them nowhere (users reach a site only through /api/v4/login)";

    static List<Row> rows() {
        return List.of(
                // --- central data -----------------------------------------------------------------------------
                row("an item edited on the primary goes to every site through the change log", CENTRAL,
                        ITEM, json("ID", "I1"), null, null, 1).changeLog().held(),
                row("a supplier name is central data", CENTRAL + "; seed: Names (except patients) Central",
                        NAME, json("ID", "SUPPLIER", "type", "facility"), null, null, 1).changeLog().held(),
                row("an item pushed by the primary of a mirrored set-up goes through the change log too",
                        CENTRAL + "; sync-rules.md Sites: mirrored primary",
                        ITEM, json("ID", "I2"), null, null, 2).changeLog().held(),
                row("dispensary reference data goes through the change log (the feed filters it)",
                        CENTRAL + "; special case: dispensary reference data",
                        ABBREVIATION, json("ID", "AB1"), null, null, 1).changeLog().held(),

                // --- central-store data -------------------------------------------------------------------------
                row("a preference of B goes to B's active site only", CENTRAL_STORE,
                        PREF, json("ID", "P_B", "store_ID", "B"), "B", null, 1).held().to(2),
                row("a preference of C goes to site 3 only, not to site 2 with its transfer copy", CENTRAL_STORE,
                        PREF, json("ID", "P_C", "store_ID", "C"), "C", null, 1).held().to(3),
                row("a preference of A (active on the central) goes to no queue, not to A's collector on site 2",
                        CENTRAL_STORE + "; the central is never a queue",
                        PREF, json("ID", "P_A", "store_ID", "A"), "A", null, 1).held(),
                row("a preference of F goes to site 2", CENTRAL_STORE,
                        PREF, json("ID", "P_F", "store_ID", "F"), "F", null, 1).held().to(2),
                row("a visibility record of store D goes to site 3", CENTRAL_STORE + "; seed: Visibility of items and names",
                        NAME_STORE_JOIN, json("ID", "J_D", "store_ID", "D", "name_ID", "SUPPLIER"), "D", null, 1)
                        .held().to(3),
                row("store record A: its active site and its collector on site 2", STORE_RECORD,
                        STORE, json("ID", "A"), "A", null, 1).held().to(2),
                row("store record B: site 2 (active) and site 3 (transfer copy)", STORE_RECORD,
                        STORE, json("ID", "B"), "B", null, 1).held().to(2, 3),
                row("store record C: site 3 (active) and site 2 (transfer copy)", STORE_RECORD,
                        STORE, json("ID", "C"), "C", null, 1).held().to(2, 3),
                row("store record D: site 3 only", STORE_RECORD,
                        STORE, json("ID", "D"), "D", null, 1).held().to(3),
                row("store record E: no site", STORE_RECORD + "; seed Store E: exists only on the sync server",
                        STORE, json("ID", "E"), "E", null, 1).held(),
                row("store record F: site 2 only", STORE_RECORD,
                        STORE, json("ID", "F"), "F", null, 1).held().to(2),

                // --- store data: collectors only, never transfer copies ----------------------------------------
                row("A's location edited on the central reaches site 2, never site 3",
                        STORE_DATA + "; seed table row A", LOCATION, json("ID", "L_A", "store_ID", "A"), "A", null, 1)
                        .held().to(2),
                row("B's location from site 2 is kept on the central, not sent to site 3",
                        STORE_DATA + "; " + TRANSFER_COPY + "; seed table row B",
                        LOCATION, json("ID", "L_B", "store_ID", "B"), "B", null, 2).held(),
                row("C's stock line from site 3 is kept on the central, not sent to site 2",
                        STORE_DATA + "; " + TRANSFER_COPY + "; seed table row C",
                        ITEM_LINE, json("ID", "IL_C", "store_ID", "C"), "C", null, 3).held(),
                row("D's location reaches the central only", STORE_DATA + "; seed table row D",
                        LOCATION, json("ID", "L_D", "store_ID", "D"), "D", null, 3).held(),
                row("E's location leaves the central for no site", STORE_DATA + "; seed table row E",
                        LOCATION, json("ID", "L_E", "store_ID", "E"), "E", null, 1).held(),
                row("F's location is not kept on the central (its central copy is a transfer copy)",
                        STORE_DATA + "; " + TRANSFER_COPY + "; seed table row F",
                        LOCATION, json("ID", "L_F", "store_ID", "F"), "F", null, 2),
                row("B's invoice to a supplier (no store) is store data: the central only",
                        STORE_DATA + "; " + TRANSFER_COPY,
                        TRANSACT, json("ID", "T_B_SUP", "store_ID", "B", "name_ID", "SUPPLIER"), "B", null, 2).held(),
                row("a line of B's invoice to a supplier follows it: the central only", STORE_DATA + "; " + TRANSFER_COPY,
                        TRANS_LINE, json("ID", "TL_B_SUP", "transaction_ID", "T_B_SUP"), "B", null, 2).held(),

                // --- transfers between stores of two sites (the ledger knows them: triggered and completed) -----
                row("the seed's transfer: C's finalised ci to B reaches site 2 and the central",
                        TRANSFERS + "; seed: transfers across sites",
                        TRANSACT, ci("T_CB", "C", "NAME_B", "fn"), "C", null, 3).held().to(2),
                row("a line of C's ci to B follows its invoice to site 2", TRANSFERS + " (either half, and its lines)",
                        TRANS_LINE, json("ID", "TL_CB", "transaction_ID", "T_CB"), "C", null, 3).held().to(2),
                row("B's responding si (numbered on site 2) goes back to site 3", TRANSFERS + " (either half)",
                        TRANSACT, json("ID", "T_BC", "store_ID", "B", "name_ID", "NAME_C", "type", "si"), "B", null, 2)
                        .held().to(3),
                row("the si the central made in B goes to site 2 and site 3", TRANSFERS + " (either half)",
                        TRANSACT, json("ID", "T_BC", "store_ID", "B", "name_ID", "NAME_C", "type", "si"), "B", null, 1)
                        .held().to(2, 3),
                row("C's finalised request requisition to B reaches site 2", TRANSFERS + "; seed: Mobile requisitions",
                        REQUISITION, json("ID", "R_CB", "store_ID", "C", "name_ID", "NAME_B", "status", "fn"), "C", null, 3)
                        .held().to(2),
                row("a line of C's requisition to B follows it to site 2", TRANSFERS + " (and its lines)",
                        REQUISITION_LINE, json("ID", "RL_CB", "requisition_ID", "R_CB"), "C", null, 3).held().to(2),
                row("a line of B's confirmed purchase order to C follows it to site 3",
                        TRANSFERS + " (and its lines); seed: Internal requisitions",
                        PURCHASE_ORDER_LINE, json("ID", "POL_BC", "purchase_order_ID", "PO_BC"), "B", null, 2).held().to(3),
                row("goods received the central made in B for that order reach site 2 and site 3",
                        TRANSFERS + " (either half); seed: Internal requisitions, second stage",
                        GOODS_RECEIVED, json("ID", "GR_BC", "store_ID", "B", "purchase_order_ID", "PO_BC"), "B", null, 1)
                        .held().to(2, 3),
                row("B's ci to D reaches site 3, where D is active", TRANSFERS,
                        TRANSACT, ci("T_BD", "B", "NAME_D", "fn"), "B", null, 2).held().to(3),
                row("F's ci to C still works although F's store data is not kept centrally",
                        TRANSFERS + "; seed table row F: F's transfers still work",
                        TRANSACT, ci("T_FC", "F", "NAME_C", "fn"), "F", null, 2).held().to(3),
                row("A's ci (on the central) to B reaches site 2", TRANSFERS,
                        TRANSACT, ci("T_AB", "A", "NAME_B", "fn"), "A", null, 1).held().to(2),
                row("E's ci to F reaches site 2", TRANSFERS,
                        TRANSACT, ci("T_EF", "E", "NAME_F", "fn"), "E", null, 1).held().to(2),
                row("D's ci to A also reaches A's collector copy on site 2", TRANSFERS + " (their collector copies)",
                        TRANSACT, ci("T_DA", "D", "NAME_A", "fn"), "D", null, 3).held().to(2),
                row("a line of D's ci to A also reaches A's collector copy on site 2", TRANSFERS + " (and its lines)",
                        TRANS_LINE, json("ID", "TL_DA", "transaction_ID", "T_DA"), "D", null, 3).held().to(2),
                // A transfer copy on a site with no part in the transfer does not receive it.
                row("B's ci to A does not reach site 3, where B is only a transfer copy and no party is active",
                        TRANSFERS + ": a transfer copy of X on a site with no part in a transfer does not receive it",
                        TRANSACT, ci("T_BA", "B", "NAME_A", "fn"), "B", null, 2).held(),
                row("a line of B's ci to A does not reach site 3 either", TRANSFERS + " (and its lines)",
                        TRANS_LINE, json("ID", "TL_BA", "transaction_ID", "T_BA"), "B", null, 2).held(),
                row("C's ci to E does not reach site 2, where C is only a transfer copy and no party is active",
                        TRANSFERS + ": a transfer copy of X on a site with no part in a transfer does not receive it",
                        TRANSACT, ci("T_CE", "C", "NAME_E", "fn"), "C", null, 3).held(),

                // --- before the trigger, and transfers the central could not complete: the store's data ---------
                row("C's ci to B not finalised yet goes only where C's data goes (kept centrally all the same)",
                        BEFORE_TRIGGER, TRANSACT, ci("T_CB_OPEN", "C", "NAME_B", "cn"), "C", null, 3).held(),
                row("a line of C's open ci to B stays with C's data too", BEFORE_TRIGGER,
                        TRANS_LINE, json("ID", "TL_CB_OPEN", "transaction_ID", "T_CB_OPEN"), "C", null, 3).held(),
                row("F's open ci to C is kept centrally, though F's store data is not", BEFORE_TRIGGER
                                + "; the central completes transfers from its copy",
                        TRANSACT, ci("T_FC_OPEN", "F", "NAME_C", "nw"), "F", null, 2).held(),
                row("C's finalised ci to B that the central could not complete goes only where C's data goes",
                        FAILED, TRANSACT, ci("T_CB_FAILED", "C", "NAME_B", "fn"), "C", null, 3).held(),

                // --- transfers between two stores of one site: local -------------------------------------------
                row("B's ci to F (both on site 2) is kept on the central and goes to no site",
                        LOCAL_TRANSFERS + "; " + TRANSFERS,
                        TRANSACT, ci("T_BF", "B", "NAME_F", "fn"), "B", null, 2).held(),
                row("F's ci to B (both on site 2) is kept on the central, where B has a collector copy, and goes to no site",
                        LOCAL_TRANSFERS + "; " + TRANSFERS + " (the central included)",
                        TRANSACT, ci("T_FB", "F", "NAME_B", "fn"), "F", null, 2).held(),
                row("C's ci to D (both on site 3) does not reach C's transfer copy on site 2",
                        LOCAL_TRANSFERS + "; " + TRANSFERS,
                        TRANSACT, ci("T_CD", "C", "NAME_D", "fn"), "C", null, 3).held(),
                row("E's ci to A (both on the central) also reaches A's collector copy on site 2",
                        LOCAL_TRANSFERS + "; " + TRANSFERS + " (their collector copies)",
                        TRANSACT, ci("T_EA", "E", "NAME_A", "fn"), "E", null, 1).held().to(2),
                row("a store's invoice to its own name is no transfer", STORE_DATA,
                        TRANSACT, ci("T_BB", "B", "NAME_B", "fn"), "B", null, 2).held(),

                // --- messages -----------------------------------------------------------------------------------
                row("a message from C to B goes to B's active site", MESSAGES,
                        MESSAGE, json("ID", "M_CB", "fromStoreID", "C", "toStoreID", "B"), "B", null, 3).to(2),
                row("a message from B to D goes to site 3", MESSAGES,
                        MESSAGE, json("ID", "M_BD", "fromStoreID", "B", "toStoreID", "D"), "D", null, 2).to(3),
                row("a message from C to A (on the central) goes to no queue", MESSAGES + "; the central is never a queue",
                        MESSAGE, json("ID", "M_CA", "fromStoreID", "C", "toStoreID", "A"), "A", null, 3),
                row("a message from B to F (same site) does not come back to site 2", MESSAGES + "; " + OWN_BACK,
                        MESSAGE, json("ID", "M_BF", "fromStoreID", "B", "toStoreID", "F"), "F", null, 2),

                // --- patient data -------------------------------------------------------------------------------
                row("a patient of D visible only in D stays on site 3 and the central", PATIENT,
                        NAME, json("ID", "PAT_D", "type", "patient", "supplying_store_id", "D"), "D", "PAT_D", 3).held(),
                row("a patient of D visible in B reaches site 2, where B is active",
                        PATIENT, NAME, json("ID", "PAT_DB", "type", "patient", "supplying_store_id", "D"), "D", "PAT_DB", 3)
                        .held().to(2),
                row("an insurance policy of a patient of D visible in A reaches A's collector site 2", PATIENT,
                        INSURANCE, json("ID", "NIJ_DA", "nameID", "PAT_DA"), "D", "PAT_DA", 3).held().to(2),
                row("a patient of B visible in C reaches site 3, where C is active", PATIENT,
                        NAME, json("ID", "PAT_BC", "type", "patient", "supplying_store_id", "B"), "B", "PAT_BC", 2)
                        .held().to(3),
                row("a patient of B visible in F (a transfer copy on the central) is still held centrally", PATIENT,
                        NAME, json("ID", "PAT_BF", "type", "patient", "supplying_store_id", "B"), "B", "PAT_BF", 2).held(),
                row("a patient of C visible in B reaches site 2, where B is active",
                        PATIENT, NAME, json("ID", "PAT_CB", "type", "patient", "supplying_store_id", "C"), "C", "PAT_CB", 3)
                        .held().to(2),

                // --- local and sync data ------------------------------------------------------------------------
                row("a local preference goes nowhere", LOCAL, PREFERENCE, json("ID", "PR1"), null, null, 2),
                row("sync data goes nowhere directly", SYNC, SITE, json("ID", "S1"), null, null, 1),

                // --- users ----------------------------------------------------------------------------------------
                row("a user a site made is kept on the central and sent to no site", USERS,
                        USER, json("ID", "U1", "name", "ada"), null, null, 2).held(),
                row("a user the primary edits is not central data: no change log, no site", USERS,
                        USER, json("ID", "U2", "name", "grace"), null, null, 1).held());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void routesAsTheRulesSay(Row row) {
        Route route = RoutingPolicy.route(row.type, row.data, row.storeId, row.patientId, row.origin, new SeedFacts());

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(new TreeSet<>(route.sites())).as("%s: sites' queues; rule: %s", row, row.rule)
                    .isEqualTo(row.sites);
            softly.assertThat(route.centralChangeLog()).as("%s: central change log; rule: %s", row, row.rule)
                    .isEqualTo(row.changeLog);
            if (row.held != null) {
                softly.assertThat(route.heldCentrally()).as("%s: held in the central copy; rule: %s", row, row.rule)
                        .isEqualTo(row.held);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void neverQueuesForTheCentralOrBackToTheOrigin(Row row) {
        Route route = RoutingPolicy.route(row.type, row.data, row.storeId, row.patientId, row.origin, new SeedFacts());

        assertThat(route.sites()).as("%s: %s; the central (site 1) is never a queue", row, OWN_BACK)
                .doesNotContain(1, row.origin);
    }

    // --- rows ----------------------------------------------------------------------------------------------

    /** One change and where the rules send it; {@code held} null where the rules do not say. */
    static final class Row {
        final String name;
        final String rule;
        final DataType type;
        final JsonObject data;
        final String storeId;
        final String patientId;
        final int origin;
        boolean changeLog;
        Boolean held = false;
        Set<Integer> sites = new TreeSet<>();

        Row(String name, String rule, DataType type, JsonObject data, String storeId, String patientId, int origin) {
            this.name = name;
            this.rule = rule;
            this.type = type;
            this.data = data;
            this.storeId = storeId;
            this.patientId = patientId;
            this.origin = origin;
        }

        Row changeLog() {
            changeLog = true;
            return this;
        }

        Row held() {
            held = true;
            return this;
        }

        Row to(Integer... siteIds) {
            sites = new TreeSet<>(List.of(siteIds));
            return this;
        }

        @Override
        public String toString() {
            return type.tableName() + " from site " + origin + ": " + name;
        }
    }

    private static Row row(String name, String rule, DataType type, JsonObject data, String storeId, String patientId,
                           int origin) {
        Row row = new Row(name, rule, type, data, storeId, patientId, origin);
        if (type.type() == DataTypeKind.MESSAGE) {
            row.held = null; // the rules route messages by store and say nothing of the central copy
        }
        return row;
    }

    /** The one place a registry row is made, with the rule columns V4 gives these tables. */
    private static DataType type(String table, DataTypeKind kind, String storeField, String parentTable,
                                 String parentField, String transferField, String patientField) {
        boolean name = table.equals("name");
        return new DataType(table, kind, storeField, parentTable, parentField, transferField, patientField, false, false,
                Set.of("name", "item", "clinician").contains(table), name ? "type=patient" : null,
                name ? "supplying_store_id" : table.equals("clinician") ? "store_ID" : null,
                table.equals("name_store_join"), table.equals("store"));
    }

    private static JsonObject ci(String id, String store, String customer, String status) {
        return json("ID", id, "store_ID", store, "name_ID", customer, "type", "ci", "status", status);
    }

    private static JsonObject json(String... fieldsAndValues) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            object.add(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return object.build();
    }

    // --- the seed's set-up ---------------------------------------------------------------------------------

    /** Stores A–F on sites 1–3 as the seed's table has them, the records the central holds, and patients' visibility. */
    static final class SeedFacts implements RoutingFacts {

        private static final Map<String, Integer> ACTIVE = Map.of("A", 1, "B", 2, "C", 3, "D", 3, "E", 1, "F", 2);
        /** Copies on sites other than the active one; NONE is no entry. */
        private static final Map<String, Map<Integer, SyncWithType>> COPIES = Map.of(
                "A", Map.of(2, ACTIVE_COLLECTOR),
                "B", Map.of(1, ACTIVE_COLLECTOR, 3, TRANSFER),
                "C", Map.of(1, ACTIVE_COLLECTOR, 2, TRANSFER),
                "D", Map.of(1, ACTIVE_COLLECTOR),
                "E", Map.of(),
                "F", Map.of(1, TRANSFER));
        /** Parent records the central holds, for lines: table/id -> fields. */
        private static final Map<String, JsonObject> PARENTS = Map.of(
                "transact/T_B_SUP", json("ID", "T_B_SUP", "store_ID", "B", "name_ID", "SUPPLIER"),
                "transact/T_CB", json("ID", "T_CB", "store_ID", "C", "name_ID", "NAME_B"),
                "transact/T_DA", json("ID", "T_DA", "store_ID", "D", "name_ID", "NAME_A"),
                "transact/T_BA", json("ID", "T_BA", "store_ID", "B", "name_ID", "NAME_A"),
                "transact/T_CB_OPEN", json("ID", "T_CB_OPEN", "store_ID", "C", "name_ID", "NAME_B"),
                "requisition/R_CB", json("ID", "R_CB", "store_ID", "C", "name_ID", "NAME_B"));
        /**
         * The transfers the ledger knows (made, found or local): record -> its two stores. Records that name another
         * store but are not here are before their trigger or could not be completed.
         */
        private static final Map<String, List<String>> TRANSFERS = Map.ofEntries(
                Map.entry("transact/T_CB", List.of("C", "B")), Map.entry("transact/T_BC", List.of("C", "B")),
                Map.entry("requisition/R_CB", List.of("C", "B")),
                Map.entry("purchase_order/PO_BC", List.of("B", "C")), Map.entry("Goods_received/GR_BC", List.of("C", "B")),
                Map.entry("transact/T_BD", List.of("B", "D")), Map.entry("transact/T_FC", List.of("F", "C")),
                Map.entry("transact/T_AB", List.of("A", "B")), Map.entry("transact/T_EF", List.of("E", "F")),
                Map.entry("transact/T_DA", List.of("D", "A")), Map.entry("transact/T_BA", List.of("B", "A")),
                Map.entry("transact/T_CE", List.of("C", "E")), Map.entry("transact/T_BF", List.of("B", "F")),
                Map.entry("transact/T_FB", List.of("F", "B")), Map.entry("transact/T_CD", List.of("C", "D")),
                Map.entry("transact/T_EA", List.of("E", "A")));
        /** Patient -> the stores it is visible in. */
        private static final Map<String, Set<String>> PATIENT_VISIBILITY = Map.of(
                "PAT_D", Set.of("D"),
                "PAT_DB", Set.of("D", "B"),
                "PAT_DA", Set.of("D", "A"),
                "PAT_BC", Set.of("B", "C"),
                "PAT_BF", Set.of("B", "F"),
                "PAT_CB", Set.of("C", "B"));

        @Override
        public Optional<Integer> activeSiteOf(String storeId) {
            return Optional.ofNullable(ACTIVE.get(storeId));
        }

        @Override
        public Map<Integer, SyncWithType> copiesOf(String storeId) {
            return new HashMap<>(COPIES.getOrDefault(storeId, Map.of()));
        }

        @Override
        public Optional<String> storeNamed(String nameId) {
            return nameId.startsWith("NAME_") && ACTIVE.containsKey(nameId.substring(5))
                    ? Optional.of(nameId.substring(5)) : Optional.empty();
        }

        /** As the interface says: sites with an active or collector copy of a store in which the patient is visible. */
        @Override
        public Set<Integer> sitesSeeing(String nameId) {
            Set<Integer> sites = new HashSet<>();
            for (String store : PATIENT_VISIBILITY.getOrDefault(nameId, Set.of())) {
                sites.add(ACTIVE.get(store));
                COPIES.get(store).forEach((site, copy) -> {
                    if (copy == ACTIVE_COLLECTOR) {
                        sites.add(site);
                    }
                });
            }
            return sites;
        }

        @Override
        public Optional<String> transferPartner(String table, String recordId, String storeId) {
            List<String> stores = TRANSFERS.get(table + "/" + recordId);
            return stores == null ? Optional.empty()
                    : Optional.of(stores.get(0).equals(storeId) ? stores.get(1) : stores.get(0));
        }

        /** The parents' transfer field is name_ID, as the registry has it for transact and requisition. */
        @Override
        public Optional<String> transferPartyOfParent(String parentTable, String parentId) {
            JsonObject parent = PARENTS.get(parentTable + "/" + parentId);
            return parent == null || !parent.containsKey("name_ID") ? Optional.empty() : Optional.of(parent.getString("name_ID"));
        }
    }
}
