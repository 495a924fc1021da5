package org.supplysync.record.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The ownership rules over the seed's set-up: site 1 is the central, stores A and E are active on it,
 * B and F on site 2, C and D on site 3. */
class OwnershipPolicyTest {

    private static final DataType ITEM = type("item", DataTypeKind.CENTRAL, null, null, null, null);
    private static final DataType NAME = new DataType("name", DataTypeKind.CENTRAL, null, null, null, null, "ID",
            false, false, true, "type=patient", "supplying_store_id", false, false);
    private static final DataType STORE_PREF = type("pref", DataTypeKind.CENTRAL_STORE, "store_ID", null, null, null);
    private static final DataType VISIBILITY = new DataType("name_store_join", DataTypeKind.CENTRAL_STORE, "store_ID",
            null, null, null, "name_ID", false, false, false, null, null, true, false);
    private static final DataType PLACEMENT = new DataType("clinician_store_join", DataTypeKind.PATIENT, "store_ID",
            null, null, null, "prescriber_ID", false, false, false, null, null, true, false);
    private static final DataType TRANSACT = type("transact", DataTypeKind.STORE, "store_ID", null, null, null);
    private static final DataType TRANS_LINE = type("trans_line", DataTypeKind.STORE, null, "transact", "transaction_ID", null);
    private static final DataType INSURANCE = type("nameInsuranceJoin", DataTypeKind.PATIENT, null, null, null, "nameID");
    private static final DataType PREFERENCE = type("preference", DataTypeKind.LOCAL, null, null, null, null);
    private static final DataType SITE = type("site", DataTypeKind.SYNC, null, null, null, null);
    private static final DataType MESSAGE = type("message", DataTypeKind.MESSAGE, "toStoreID", null, null, null);
    private static final DataType USER = type("user", DataTypeKind.TO_CENTRAL, null, null, null, null);
    private static final DataType PURCHASE_ORDER = type("purchase_order", DataTypeKind.STORE, "store_ID", null, null,
            null).asProcurement();

    private final SeedFacts facts = new SeedFacts();

    @Test
    void centralDataIsChangedOnThePrimaryOnly() {
        assertThat(OwnershipPolicy.check(ITEM, "I1", row("ID", "I1"), 1, facts)).isInstanceOf(Verdict.Accepted.class);
        assertThat(reason(OwnershipPolicy.check(ITEM, "I1", row("ID", "I1"), 2, facts)))
                .contains("primary server (site 1)");
    }

    @Test
    void inAMirroredSetUpThePrimaryRemoteSiteOwnsCentralAndCentralStoreData() {
        facts.primary = 2;
        assertThat(OwnershipPolicy.check(ITEM, "I1", row("ID", "I1"), 2, facts)).isInstanceOf(Verdict.Accepted.class);
        assertThat(OwnershipPolicy.check(ITEM, "I1", row("ID", "I1"), 1, facts)).isInstanceOf(Verdict.Refused.class);
        assertThat(OwnershipPolicy.check(STORE_PREF, "P", row("store_ID", "A"), 1, facts)).isInstanceOf(Verdict.Refused.class);
        assertThat(OwnershipPolicy.check(STORE_PREF, "P", row("store_ID", "A"), 2, facts)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void storeDataIsChangedWhereTheStoreIsActive() {
        assertThat(OwnershipPolicy.check(TRANSACT, "T1", row("store_ID", "B"), 2, facts))
                .isEqualTo(new Verdict.Accepted("B", null));
        assertThat(reason(OwnershipPolicy.check(TRANSACT, "T1", row("store_ID", "B"), 3, facts)))
                .contains("belongs to store B, active on site 2");
        assertThat(reason(OwnershipPolicy.check(TRANSACT, "T1", row("store_ID", "A"), 2, facts)))
                .contains("belongs to store A, active on site 1");
        assertThat(reason(OwnershipPolicy.check(TRANSACT, "T1", row("store_ID", "NOWHERE"), 2, facts)))
                .contains("unknown");
        assertThat(reason(OwnershipPolicy.check(TRANSACT, "T1", row("comment", "no store"), 2, facts)))
                .contains("names no store");
    }

    @Test
    void withCentralisedProcurementPurchaseOrdersAreThePrimarysWhateverTheirStore() {
        assertThat(OwnershipPolicy.check(PURCHASE_ORDER, "PO1", row("store_ID", "B"), 2, facts))
                .isInstanceOf(Verdict.Accepted.class);
        facts.centralisedProcurement = true;
        assertThat(OwnershipPolicy.check(PURCHASE_ORDER, "PO1", row("store_ID", "B"), 1, facts))
                .isEqualTo(new Verdict.Accepted("B", null));
        assertThat(reason(OwnershipPolicy.check(PURCHASE_ORDER, "PO1", row("store_ID", "B"), 2, facts)))
                .contains("primary server (site 1)");
        assertThat(OwnershipPolicy.check(TRANSACT, "T1", row("store_ID", "B"), 2, facts))
                .as("only purchase orders move to the primary").isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aDispensaryWithoutIncludeTransactionsKeepsItsTransactionsToItself() {
        DataType transactions = new DataType("transact", DataTypeKind.STORE, "store_ID", null, null, "name_ID", null,
                false, true);
        facts.activeSites.put("DISPENSARY_WITHOUT_TRANSACTIONS", 2);
        assertThat(reason(OwnershipPolicy.check(transactions, "T1", row("store_ID", "DISPENSARY_WITHOUT_TRANSACTIONS"), 2, facts)))
                .contains("does not include transactions in sync");
        // Its other store data still syncs.
        DataType locations = type("Location", DataTypeKind.STORE, "store_ID", null, null, null);
        assertThat(OwnershipPolicy.check(locations, "L1", row("store_ID", "DISPENSARY_WITHOUT_TRANSACTIONS"), 2, facts))
                .isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aRecordCannotMoveToAStoreActiveElsewhere() {
        facts.records.put("transact/T1", new OwnershipFacts.KnownRecord("C", null, 3));
        assertThat(reason(OwnershipPolicy.check(TRANSACT, "T1", row("store_ID", "B"), 2, facts)))
                .contains("belongs to store C");
        // Between two stores of the same site it may.
        facts.records.put("transact/T2", new OwnershipFacts.KnownRecord("F", null, 2));
        assertThat(OwnershipPolicy.check(TRANSACT, "T2", row("store_ID", "B"), 2, facts)).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void linesBelongToTheirParentsStore() {
        facts.records.put("transact/T1", new OwnershipFacts.KnownRecord("B", null, 2));
        assertThat(OwnershipPolicy.check(TRANS_LINE, "L1", row("transaction_ID", "T1"), 2, facts))
                .isEqualTo(new Verdict.Accepted("B", null));
        assertThat(OwnershipPolicy.check(TRANS_LINE, "L1", row("transaction_ID", "T1"), 3, facts))
                .isInstanceOf(Verdict.Refused.class);
        assertThat(reason(OwnershipPolicy.check(TRANS_LINE, "L2", row("transaction_ID", "UNKNOWN"), 2, facts)))
                .contains("does not hold");
    }

    @Test
    void patientDataIsChangedWhereTheHomeStoreIsActive() {
        JsonObject patient = Json.createObjectBuilder().add("ID", "PAT1").add("type", "patient")
                .add("supplying_store_id", "D").build();
        assertThat(OwnershipPolicy.check(NAME, "PAT1", patient, 3, facts)).isEqualTo(new Verdict.Accepted("D", "PAT1"));
        assertThat(reason(OwnershipPolicy.check(NAME, "PAT1", patient, 2, facts))).contains("patient data")
                .contains("home store is D");

        facts.homeStores.put("PAT1", "D");
        assertThat(OwnershipPolicy.check(INSURANCE, "NIJ1", row("nameID", "PAT1"), 3, facts))
                .isEqualTo(new Verdict.Accepted("D", "PAT1"));
        assertThat(OwnershipPolicy.check(INSURANCE, "NIJ1", row("nameID", "PAT1"), 1, facts))
                .isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void newVisibilityOfAPatientInTheSitesOwnStoreIsPatientData() {
        facts.patients.put("PAT1", true);
        facts.homeStores.put("PAT1", "D");
        JsonObject join = Json.createObjectBuilder().add("name_ID", "PAT1").add("store_ID", "C").build();
        assertThat(OwnershipPolicy.check(VISIBILITY, "J1", join, 3, facts)).isEqualTo(new Verdict.Accepted("C", "PAT1"));
        // In a store of another site it is central-store data again: the primary's.
        assertThat(OwnershipPolicy.check(VISIBILITY, "J1", join, 2, facts)).isInstanceOf(Verdict.Refused.class);
        // Visibility of a store or supplier is the primary's.
        JsonObject supplier = Json.createObjectBuilder().add("name_ID", "SUPPLIER").add("store_ID", "C").build();
        assertThat(OwnershipPolicy.check(VISIBILITY, "J2", supplier, 3, facts)).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void aPrescriberIsPlacedInAStoreByItsHomeSiteInItsOwnStoresOrByThePrimary() {
        facts.patients.put("DOC1", true);
        facts.homeStores.put("DOC1", "D");
        JsonObject inC = Json.createObjectBuilder().add("prescriber_ID", "DOC1").add("store_ID", "C").build();
        JsonObject inB = Json.createObjectBuilder().add("prescriber_ID", "DOC1").add("store_ID", "B").build();
        assertThat(OwnershipPolicy.check(PLACEMENT, "CSJ1", inC, 3, facts)).isEqualTo(new Verdict.Accepted("C", "DOC1"));
        assertThat(reason(OwnershipPolicy.check(PLACEMENT, "CSJ2", inB, 3, facts))).as("another site's store")
                .contains("store B");
        assertThat(OwnershipPolicy.check(PLACEMENT, "CSJ2", inB, 2, facts)).as("another site's prescriber")
                .isInstanceOf(Verdict.Refused.class);
        assertThat(OwnershipPolicy.check(PLACEMENT, "CSJ2", inB, 1, facts)).as("the primary")
                .isEqualTo(new Verdict.Accepted("B", "DOC1"));
    }

    @Test
    void localAndSyncDataAreRefusedAndMessagesAreAnySites() {
        assertThat(reason(OwnershipPolicy.check(PREFERENCE, "P", row("ID", "P"), 2, facts))).contains("local data");
        assertThat(reason(OwnershipPolicy.check(SITE, "S", row("ID", "S"), 1, facts))).contains("sync data");
        assertThat(OwnershipPolicy.check(MESSAGE, "M", row("toStoreID", "B"), 3, facts))
                .isEqualTo(new Verdict.Accepted("B", null));
    }

    @Test
    void usersAreAcceptedFromAnySiteEvenOnceAnotherSitePushedThem() {
        assertThat(OwnershipPolicy.check(USER, "U1", row("name", "ada"), 2, facts)).isEqualTo(new Verdict.Accepted(null, null));
        facts.records.put("user/U1", new OwnershipFacts.KnownRecord(null, null, 2));
        assertThat(OwnershipPolicy.check(USER, "U1", row("name", "ada"), 3, facts)).isEqualTo(new Verdict.Accepted(null, null));
        assertThat(OwnershipPolicy.checkDelete(USER, "U1", 3, facts)).contains(new Verdict.Accepted(null, null));
    }

    @Test
    void aSiteCannotReHomeAPatientTheCentralKnowsAsAnotherSites() {
        // sync-rules.md, "The central's copy decides": PAT1's home store is D (site 3) on the central.
        facts.records.put("name/PAT1", new OwnershipFacts.KnownRecord("D", "PAT1", 3));
        facts.homeStores.put("PAT1", "D");
        JsonObject rehomed = Json.createObjectBuilder().add("ID", "PAT1").add("type", "patient")
                .add("supplying_store_id", "B").build();
        assertThat(reason(OwnershipPolicy.check(NAME, "PAT1", rehomed, 2, facts))).contains("home store is D");
        // Site 3 owns D but not B: moving the patient to B needs both.
        assertThat(reason(OwnershipPolicy.check(NAME, "PAT1", rehomed, 3, facts))).contains("owns both");
        // Between two stores of one site it may.
        JsonObject toC = Json.createObjectBuilder().add("ID", "PAT1").add("type", "patient")
                .add("supplying_store_id", "C").build();
        assertThat(OwnershipPolicy.check(NAME, "PAT1", toC, 3, facts)).isEqualTo(new Verdict.Accepted("C", "PAT1"));
    }

    @Test
    void onlyThePrimaryTurnsAKnownSupplierIntoAPatient() {
        facts.records.put("name/SUP", new OwnershipFacts.KnownRecord(null, null, 1));
        JsonObject patientOfB = Json.createObjectBuilder().add("ID", "SUP").add("type", "patient")
                .add("supplying_store_id", "B").build();
        assertThat(reason(OwnershipPolicy.check(NAME, "SUP", patientOfB, 2, facts))).contains("primary server");
        JsonObject patientOfA = Json.createObjectBuilder().add("ID", "SUP").add("type", "patient")
                .add("supplying_store_id", "A").build();
        assertThat(OwnershipPolicy.check(NAME, "SUP", patientOfA, 1, facts)).isEqualTo(new Verdict.Accepted("A", "SUP"));
    }

    @Test
    void aLineCannotMoveToAParentInAnotherSitesStore() {
        facts.records.put("transact/T_B", new OwnershipFacts.KnownRecord("B", null, 2));
        facts.records.put("trans_line/L_C", new OwnershipFacts.KnownRecord("C", null, 3));
        assertThat(reason(OwnershipPolicy.check(TRANS_LINE, "L_C", row("transaction_ID", "T_B"), 2, facts)))
                .contains("belongs to store C");
    }

    @Test
    void mergesOnlyOnMergeableTablesAndOnlyOfRecordsTheSiteOwnsBoth() {
        facts.records.put("transact/T_B", new OwnershipFacts.KnownRecord("B", null, 2));
        facts.records.put("transact/T_C", new OwnershipFacts.KnownRecord("C", null, 3));
        assertThat(reason(OwnershipPolicy.checkMerge(TRANSACT, "T_B", "T_C", 2, facts))).contains("never merged");

        facts.records.put("name/PAT_B", new OwnershipFacts.KnownRecord("B", "PAT_B", 2));
        facts.records.put("name/PAT_B2", new OwnershipFacts.KnownRecord("F", "PAT_B2", 2));
        facts.records.put("name/PAT_C", new OwnershipFacts.KnownRecord("C", "PAT_C", 3));
        facts.records.put("name/SUPPLIER", new OwnershipFacts.KnownRecord(null, null, 1));
        facts.homeStores.putAll(Map.of("PAT_B", "B", "PAT_B2", "F", "PAT_C", "C"));
        assertThat(OwnershipPolicy.checkMerge(NAME, "PAT_B", "PAT_B2", 2, facts)).isEqualTo(new Verdict.Accepted("B", "PAT_B"));
        assertThat(reason(OwnershipPolicy.checkMerge(NAME, "PAT_B", "PAT_C", 2, facts))).contains("home store is C");
        assertThat(reason(OwnershipPolicy.checkMerge(NAME, "PAT_B", "SUPPLIER", 2, facts))).contains("primary server");
        assertThat(reason(OwnershipPolicy.checkMerge(NAME, "PAT_B", "NOBODY", 2, facts))).contains("does not hold");
    }

    private static String reason(Verdict verdict) {
        assertThat(verdict).isInstanceOf(Verdict.Refused.class);
        return ((Verdict.Refused) verdict).reason();
    }

    private static JsonObject row(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build();
    }

    private static DataType type(String table, DataTypeKind kind, String storeField, String parentTable,
                                 String parentField, String patientField) {
        return new DataType(table, kind, storeField, parentTable, parentField, null, patientField, false, false);
    }

    /** The seed's stores and sites, and whatever a test puts in the central copy. */
    private static final class SeedFacts implements OwnershipFacts {
        int primary = 1;
        boolean centralisedProcurement;
        final Map<String, Integer> activeSites = new HashMap<>(Map.of("A", 1, "E", 1, "B", 2, "F", 2, "C", 3, "D", 3));
        final Map<String, KnownRecord> records = new HashMap<>();
        final Map<String, String> homeStores = new HashMap<>();
        final Map<String, Boolean> patients = new HashMap<>();

        @Override
        public int primarySiteId() {
            return primary;
        }

        @Override
        public Optional<Integer> activeSiteOf(String storeId) {
            return Optional.ofNullable(activeSites.get(storeId));
        }

        @Override
        public Optional<KnownRecord> known(String tableName, String recordId) {
            return Optional.ofNullable(records.get(tableName + "/" + recordId));
        }

        @Override
        public Optional<String> homeStoreOf(String patientId) {
            return Optional.ofNullable(homeStores.get(patientId));
        }

        @Override
        public boolean sendsTransactions(String storeId) {
            return !"DISPENSARY_WITHOUT_TRANSACTIONS".equals(storeId);
        }

        @Override
        public boolean isPatient(String nameId) {
            return patients.getOrDefault(nameId, false);
        }

        @Override
        public boolean centralisedProcurement() {
            return centralisedProcurement;
        }
    }
}
