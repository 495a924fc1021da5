package org.supplysync.client.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.supplysync.client.simulate.WorkloadLog.Copy;
import org.supplysync.client.simulate.WorkloadLog.Key;
import org.supplysync.client.simulate.WorkloadLog.StoreDef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient invariants can fail: each test breaks one on purpose. Sites 2, 3 and 4; dispensary B is active on site
 * 2 and collected by site 4, dispensary C on site 3. Patient P is homed in B, visible there from the start.
 */
class PatientInvariantsTest {

    private static final StoreDef B = new StoreDef("B", "B", "Store B", "NAME_B", 2, true);
    private static final StoreDef C = new StoreDef("C", "C", "Store C", "NAME_C", 3, true);

    private final WorkloadLog log = new WorkloadLog();

    @BeforeEach
    void setUp() {
        List.of(2, 3, 4).forEach(log::siteAdded);
        for (StoreDef store : List.of(B, C)) {
            log.storeCreated(store, SiteRecords.JSON.createObjectNode().put("ID", store.id()),
                    SiteRecords.JSON.createObjectNode().put("ID", store.nameId()).put("type", "store"));
        }
        observe(Copy.ACTIVE_COLLECTOR);
        log.localEdit(2, "name", "P", patient(1));
        log.localEdit(2, "name_store_join", "HOME", SiteRecords.visibility("HOME", "P", "B", true));
        log.pushed(2);
    }

    @Test
    void aVersionWrittenAfterThePatientStoppedBeingVisibleOnASiteMustNotArriveThere() {
        log.centralEdit("name_store_join", "J", SiteRecords.visibility("J", "P", "C", true));
        pushPatient(2);
        log.centralEdit("name_store_join", "J", SiteRecords.visibility("J", "P", "C", false));
        pushPatient(3);

        Invariants before = check(3, Map.of(name(), patient(2), joinKey(), inactiveJoin()));
        Invariants after = check(3, Map.of(name(), patient(3), joinKey(), inactiveJoin()));

        assertThat(before.patientsOnlyWhereVisible.holds()).as("what arrived while visible stays").isTrue();
        assertThat(before.patientsOnlyWhereVisible.checked).isEqualTo(2);
        assertThat(after.patientsOnlyWhereVisible.extra).isEqualTo(1);
        assertThat(after.patientsOnlyWhereVisible.details).singleElement().asString().contains("name/P");
        assertThat(after.patientsCompleteWhereVisible.checked).as("not visible there at the end").isZero();
        assertThat(after.versionsWithheld).as("the third version of the name").isEqualTo(1);
    }

    @Test
    void aSiteWhereThePatientBecameVisibleHoldsItsWholeHistory() {
        log.localEdit(2, "nameInsuranceJoin", "POLICY", SiteRecords.policy("POLICY", "P", "INS", "POL v1"));
        log.pushed(2);
        log.centralEdit("name_store_join", "J", SiteRecords.visibility("J", "P", "C", true));

        Invariants lacking = check(3, Map.of(name(), patient(1), joinKey(), activeJoin()));
        Invariants complete = check(3, Map.of(name(), patient(1), joinKey(), activeJoin(),
                new Key("nameInsuranceJoin", "POLICY"), SiteRecords.policy("POLICY", "P", "INS", "POL v1"),
                new Key("name_store_join", "HOME"), SiteRecords.visibility("HOME", "P", "B", true)));

        assertThat(lacking.patientsCompleteWhereVisible.missing).as("the policy and the home join").isEqualTo(2);
        assertThat(complete.patientsCompleteWhereVisible.holds()).isTrue();
        assertThat(complete.patientsOnlyWhereVisible.holds()).isTrue();
    }

    @Test
    void aSiteCollectingTheHomeStoreSeesThePatientAndOneThatNeverSawItHoldsNothingOfIt() {
        Invariants collector = check(4, Map.of());
        Invariants bystander = check(3, Map.of(name(), patient(1)));

        assertThat(collector.patientsCompleteWhereVisible.missing).as("the patient and its home join").isEqualTo(2);
        assertThat(bystander.patientsOnlyWhereVisible.extra).isEqualTo(1);
    }

    @Test
    void aVersionPushedTogetherWithTheEndOfItsVisibilityMayHaveArrivedButNotALaterOne() {
        log.localEdit(2, "name_store_join", "HOME", SiteRecords.visibility("HOME", "P", "B", false));
        log.localEdit(2, "name", "P", patient(2));
        log.pushed(2);
        pushPatient(3);

        Invariants withTheLastVersionSeen = check(4, Map.of(name(), patient(2)));
        Invariants withALaterOne = check(4, Map.of(name(), patient(3)));

        assertThat(withTheLastVersionSeen.patientsOnlyWhereVisible.holds()).isTrue();
        assertThat(withALaterOne.patientsOnlyWhereVisible.extra).isEqualTo(1);
    }

    @Test
    void aSiteThatInitialisedAgainHoldsNoVersionReplacedBeforeItsInitialisation() {
        log.centralEdit("name_store_join", "J", SiteRecords.visibility("J", "P", "C", true));
        pushPatient(2);
        log.reinitialised(3);
        pushPatient(3);

        Invariants old = check(3, Map.of(name(), patient(1), joinKey(), activeJoin()));

        assertThat(old.patientsOnlyWhereVisible.extra).isEqualTo(1);
        assertThat(old.patientsCompleteWhereVisible.stale).isEqualTo(1);
    }

    private Invariants check(int site, Map<Key, ObjectNode> held) {
        Invariants invariants = new Invariants(log);
        invariants.checkSite(site, new HashMap<>(held));
        return invariants;
    }

    private void pushPatient(int version) {
        log.localEdit(2, "name", "P", patient(version));
        log.pushed(2);
    }

    private void observe(Copy copyOfBOnSite4) {
        log.setUpObserved(Map.of("B", Map.of(1, Copy.ACTIVE_COLLECTOR, 4, copyOfBOnSite4),
                "C", Map.of(1, Copy.ACTIVE_COLLECTOR)));
    }

    private static ObjectNode patient(int version) {
        return SiteRecords.patient("P", "B").put("comment", "v" + version);
    }

    private static Key name() {
        return new Key("name", "P");
    }

    private static Key joinKey() {
        return new Key("name_store_join", "J");
    }

    private static ObjectNode activeJoin() {
        return SiteRecords.visibility("J", "P", "C", true);
    }

    private static ObjectNode inactiveJoin() {
        return SiteRecords.visibility("J", "P", "C", false);
    }
}
