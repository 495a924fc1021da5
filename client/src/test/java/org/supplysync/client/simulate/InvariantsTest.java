package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.simulate.WorkloadLog.Copy;
import org.supplysync.client.simulate.WorkloadLog.Key;
import org.supplysync.client.simulate.WorkloadLog.StoreDef;
import org.supplysync.client.simulate.WorkloadLog.Trespass;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants can fail: each test breaks one on purpose. Sites 2, 3 and 4; store B is active on site 2, C on
 * site 3, G on site 4. C's copy of B is a transfer copy on site 3 and G's site has one too (G sees B); the central
 * collects B and C.
 */
class InvariantsTest {

    private static final StoreDef B = new StoreDef("B", "B", "Store B", "NAME_B", 2);
    private static final StoreDef C = new StoreDef("C", "C", "Store C", "NAME_C", 3);
    private static final StoreDef G = new StoreDef("G", "G", "Store G", "NAME_G", 4);

    private final WorkloadLog log = new WorkloadLog();

    @BeforeEach
    void setUp() {
        List.of(2, 3, 4).forEach(log::siteAdded);
        for (StoreDef store : List.of(B, C, G)) {
            log.storeCreated(store, json("ID", store.id()), json("ID", store.nameId(), "type", "store"));
        }
        log.centralEdit("name_store_join", "J1", json("ID", "J1", "name_ID", "NAME_B", "store_ID", "C"));
        log.centralEdit("name_store_join", "J2", json("ID", "J2", "name_ID", "NAME_C", "store_ID", "B"));
        log.centralEdit("name_store_join", "J3", json("ID", "J3", "name_ID", "NAME_B", "store_ID", "G"));
        observe(Map.of(3, Copy.TRANSFER, 4, Copy.TRANSFER));
    }

    @Test
    void aTransferHeldByASiteWithOnlyATransferCopyAndNoPartIsExtra() {
        pushTransferFromBToC();

        Invariants invariants = new Invariants(log);
        invariants.checkSite(3, holding("transact", "CI1", "trans_line", "TL1"));
        invariants.checkSite(4, holding("transact", "CI1", "trans_line", "TL1"));

        assertThat(invariants.transfers.extra).isEqualTo(2);
        assertThat(invariants.transfers.missing).isZero();
        assertThat(invariants.transfers.details).allMatch(d -> d.contains("site 4"));
    }

    @Test
    void aTransferMissingOnTheOtherStoresSiteIsMissing() {
        pushTransferFromBToC();

        Invariants invariants = new Invariants(log);
        invariants.checkSite(3, holding("transact", "CI1"));

        assertThat(invariants.transfers.missing).isEqualTo(1);
        assertThat(invariants.transfers.details).singleElement().asString().contains("trans_line/TL1");
    }

    @Test
    void storeDataOnATransferCopyIsExtraAndACollectorMustHoldTheLatestVersion() {
        log.localEdit(2, "Location", "L1", json("ID", "L1", "store_ID", "B", "code", "v1"));
        log.pushed(2);
        observe(Map.of(3, Copy.ACTIVE_COLLECTOR, 4, Copy.TRANSFER));
        log.localEdit(2, "Location", "L1", json("ID", "L1", "store_ID", "B", "code", "v2"));
        log.pushed(2);

        Invariants invariants = new Invariants(log);
        invariants.checkSite(3, Map.of(new Key("Location", "L1"), json("ID", "L1", "store_ID", "B", "code", "v1")));
        invariants.checkSite(4, Map.of(new Key("Location", "L1"), json("ID", "L1", "store_ID", "B", "code", "v2")));

        assertThat(invariants.collectorsComplete.stale).isEqualTo(1);
        assertThat(invariants.storeDataOnlyWhereAllowed.extra).isEqualTo(1);
    }

    @Test
    void aRecordLastChangedBeforeTheCopyBecameACollectorIsNotRequiredThere() {
        log.localEdit(2, "Location", "L1", json("ID", "L1", "store_ID", "B", "code", "v1"));
        log.pushed(2);
        observe(Map.of(3, Copy.ACTIVE_COLLECTOR, 4, Copy.TRANSFER));

        Invariants invariants = new Invariants(log);
        invariants.checkSite(3, Map.of());

        assertThat(invariants.collectorsComplete.holds()).isTrue();
    }

    @Test
    void aRecordDeletedOnItsSiteAndStillHeldByACollectorBreaksDeletedNowhere() {
        observe(Map.of(3, Copy.ACTIVE_COLLECTOR, 4, Copy.TRANSFER));
        log.localEdit(2, "Location", "L1", json("ID", "L1", "store_ID", "B"));
        log.pushed(2);
        log.localEdit(2, "Location", "L1", null);
        log.pushed(2);

        Invariants invariants = new Invariants(log);
        invariants.checkSite(3, Map.of(new Key("Location", "L1"), json("ID", "L1", "store_ID", "B")));

        assertThat(invariants.deletedNowhere.extra).isEqualTo(1);
    }

    @Test
    void aCopyWithoutVisibilityOrVisibilityWithoutACopyBreaksTheSetUp() {
        observe(Map.of(3, Copy.NONE, 4, Copy.TRANSFER));
        log.centralEdit("name_store_join", "J3", json("ID", "J3", "name_ID", "NAME_B", "store_ID", "G", "inactive", true));
        observe(Map.of(3, Copy.TRANSFER, 4, Copy.TRANSFER));

        Invariants invariants = new Invariants(log);
        invariants.checkSetUp();

        assertThat(invariants.syncWith.missing).isEqualTo(1);
        assertThat(invariants.syncWith.extra).isEqualTo(1);
    }

    @Test
    void anAcceptedTrespassAndAnUnexpectedRefusalAreCaught() {
        log.trespassed(new Trespass(3, "store data of a store active on another site", "Location", "X1", "Update",
                json("ID", "X1", "store_ID", "B"), new Key("Location", "X1"), null, -1));
        log.trespassed(new Trespass(3, "local data", "preference", "P1", "Update", json("ID", "P1"),
                new Key("preference", "P1"), null, -1));
        JsonNode refusedPreference = json("tableName", "preference", "recordId", "P1", "reason", "local data");
        JsonNode refusedOwnRecord = json("tableName", "Location", "recordId", "MINE", "reason", "?");

        Invariants invariants = new Invariants(log);
        invariants.checkRefusals(Map.of(3, List.of(refusedPreference, refusedOwnRecord)), Map.of(), List.of());
        invariants.checkSite(2, holding("Location", "X1"));

        assertThat(invariants.refused.missing).isEqualTo(1);
        assertThat(invariants.refused.details).singleElement().asString().contains("X1");
        assertThat(invariants.noUnexpectedRefusals.extra).isEqualTo(1);
        assertThat(invariants.trespassHeldNowhere.extra).isEqualTo(1);
    }

    @Test
    void aTransferNotFinalisedYetIsItsStoresDataAndExtraOnTheOtherStoresSite() {
        log.localEdit(2, "transact", "CI1", json("ID", "CI1", "store_ID", "B", "name_ID", "NAME_C", "type", "ci",
                "status", "cn"));
        log.pushed(2);

        Invariants invariants = new Invariants(log);
        invariants.checkSite(3, holding("transact", "CI1"));

        assertThat(invariants.storeDataOnlyWhereAllowed.extra).isEqualTo(1);
        assertThat(invariants.transfers.checked).isZero();
    }

    @Test
    void aRespondingHalfMissingOnASiteOrMadeTwiceIsFound() {
        pushTransferFromBToC();
        JsonNode created = json("status", "CREATED", "respondingTable", "transact", "respondingId", "SI1");
        ObjectNode si = json("ID", "SI1", "store_ID", "C", "linked_transaction_id", "CI1");
        ObjectNode siLine = json("ID", "SIL1", "transaction_ID", "SI1");
        ObjectNode second = json("ID", "SI2", "store_ID", "C", "linked_transaction_id", "CI1");

        Invariants invariants = new Invariants(log);
        invariants.checkResponses(key -> java.util.Optional.of(created), Map.of(
                2, Map.of(new Key("transact", "SI1"), si, new Key("trans_line", "SIL1"), siLine),
                3, Map.of(new Key("transact", "SI1"), si, new Key("transact", "SI2"), second),
                4, Map.of()));

        assertThat(invariants.responses.extra).as("two halves on site 3").isEqualTo(1);
        assertThat(invariants.responses.missing).isZero();
        assertThat(invariants.responses.checked).as("site 2 right, site 3 wrong, site 4 no party").isEqualTo(2);

        Invariants lacking = new Invariants(log);
        lacking.checkResponses(key -> java.util.Optional.of(created), Map.of(2, Map.of(), 3, Map.of(), 4, Map.of()));
        assertThat(lacking.responses.missing).isEqualTo(2);
    }

    @Test
    void aSiteThatInitialisedAgainHoldsWhatTheCentralKeptOfItsPushesAndNotItsLostChanges() {
        log.localEdit(2, "Location", "L1", json("ID", "L1", "store_ID", "B", "code", "v1"));
        log.pushed(2);
        log.localEdit(2, "Location", "L1", json("ID", "L1", "store_ID", "B", "code", "v2, never pushed"));
        log.reinitialised(2);

        Invariants lacking = new Invariants(log);
        lacking.checkSite(2, Map.of());
        Invariants withTheLostChange = new Invariants(log);
        withTheLostChange.checkSite(2, Map.of(new Key("Location", "L1"), json("ID", "L1", "store_ID", "B", "code", "v2, never pushed")));
        Invariants restored = new Invariants(log);
        restored.checkSite(2, Map.of(new Key("Location", "L1"), json("ID", "L1", "store_ID", "B", "code", "v1")));

        assertThat(lacking.restored.missing).isEqualTo(1);
        assertThat(withTheLostChange.restored.stale).isEqualTo(1);
        assertThat(restored.restored.holds()).isTrue();
        assertThat(restored.restored.checked).isPositive();
    }

    @Test
    void aSiteThatInitialisedAgainHoldsNoDataOfAStoreTheCentralDoesNotCollectUntilItPushesItAgain() {
        log.localEdit(4, "Location", "LG", json("ID", "LG", "store_ID", "G", "code", "v1"));
        log.pushed(4);
        log.reinitialised(4);

        Invariants invariants = new Invariants(log);
        invariants.checkSite(4, holding("Location", "LG"));
        assertThat(invariants.restored.extra).isEqualTo(1);
        assertThat(invariants.restored.details).singleElement().asString().contains("does not keep");

        log.localEdit(4, "Location", "LG2", json("ID", "LG2", "store_ID", "G", "code", "made on the new installation"));
        log.pushed(4);
        Invariants after = new Invariants(log);
        after.checkSite(4, holding("Location", "LG2"));
        assertThat(after.restored.holds()).isTrue();
        assertThat(after.collectorsComplete.holds()).isTrue();
    }

    private void pushTransferFromBToC() {
        log.localEdit(2, "transact", "CI1", json("ID", "CI1", "store_ID", "B", "name_ID", "NAME_C", "type", "ci",
                "status", "fn"));
        log.localEdit(2, "trans_line", "TL1", json("ID", "TL1", "transaction_ID", "CI1"));
        log.pushed(2);
    }

    /** The server's copies of B for this epoch; C and G have none (G sees nothing, C's copies are not in play). */
    private void observe(Map<Integer, Copy> copiesOfB) {
        Map<Integer, Copy> ofB = new HashMap<>(copiesOfB);
        ofB.put(1, Copy.ACTIVE_COLLECTOR);
        log.setUpObserved(Map.of("B", ofB, "C", Map.of(1, Copy.ACTIVE_COLLECTOR, 2, Copy.TRANSFER), "G", Map.of()));
    }

    /** What a site holds: the log's latest version of each named record. */
    private Map<Key, ObjectNode> holding(String... tablesAndIds) {
        Map<Key, ObjectNode> held = new HashMap<>();
        for (int i = 0; i < tablesAndIds.length; i += 2) {
            Key key = new Key(tablesAndIds[i], tablesAndIds[i + 1]);
            WorkloadLog.SiteRecord record = log.siteRecord(key);
            held.put(key, record != null && record.pushed != null ? record.pushed : json("ID", key.id()));
        }
        return held;
    }

    private static ObjectNode json(Object... fieldsAndValues) {
        ObjectNode node = AdminApi.JSON.createObjectNode();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            Object value = fieldsAndValues[i + 1];
            if (value instanceof Boolean b) {
                node.put((String) fieldsAndValues[i], b);
            } else {
                node.put((String) fieldsAndValues[i], (String) value);
            }
        }
        return node;
    }
}
