package org.supplysync.resync.control;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;
import org.supplysync.routing.control.RoutingFacts;
import org.supplysync.store.entity.SyncWithType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** resend-patients takes its tables from the registry and sends patient data only where routing would. */
class PatientResendTest {

    private static final DataType ITEM = central("item", false);
    private static final DataType ABBREVIATION = central("abbreviation", true);
    private static final DataType INSURANCE_PROVIDER = central("insuranceProvider", true);
    private static final DataType NAME = new DataType("name", DataTypeKind.CENTRAL, null, null, null, null, "ID", false,
            false, true, "type=patient", "supplying_store_id", false, false);
    private static final DataType NAME_STORE_JOIN = new DataType("name_store_join", DataTypeKind.CENTRAL_STORE,
            "store_ID", null, null, null, "name_ID", false, false, false, null, null, true, false);
    private static final DataType CLINICIAN = new DataType("clinician", DataTypeKind.PATIENT, "store_ID", null, null,
            null, "ID", false, false, true, null, "store_ID", false, false);
    private static final DataType CLINICIAN_STORE_JOIN = new DataType("clinician_store_join", DataTypeKind.PATIENT,
            "store_ID", null, null, null, "prescriber_ID", false, false);
    private static final DataType INSURANCE = new DataType("nameInsuranceJoin", DataTypeKind.PATIENT, null, null, null,
            null, "nameID", false, false);
    private static final List<DataType> REGISTRY = List.of(ITEM, ABBREVIATION, INSURANCE_PROVIDER, NAME,
            NAME_STORE_JOIN, CLINICIAN, CLINICIAN_STORE_JOIN, INSURANCE);

    /** Patient PAT is visible in a store of site 2; prescriber DOC in no store the visibility index knows. */
    private static final RoutingFacts FACTS = new RoutingFacts() {
        @Override
        public Optional<Integer> activeSiteOf(String storeId) {
            return Optional.of(2);
        }

        @Override
        public Map<Integer, SyncWithType> copiesOf(String storeId) {
            return Map.of();
        }

        @Override
        public Optional<String> storeNamed(String nameId) {
            return Optional.empty();
        }

        @Override
        public Set<Integer> sitesSeeing(String nameId) {
            return nameId.equals("PAT") ? Set.of(2) : Set.of();
        }

        @Override
        public Optional<String> transferPartyOfParent(String parentTable, String parentId) {
            return Optional.empty();
        }
    };

    @Test
    void theReferenceDataIsTheCentralDataOnlyDispensariesReceive() {
        assertThat(PatientResend.referenceTables(REGISTRY)).containsExactly("abbreviation", "insuranceProvider");
    }

    @Test
    void aPrescribersVisibilityIsTheJoinThatNamesAStoreAndAPrescriberOtherThanItself() {
        assertThat(PatientResend.storeJoins(REGISTRY)).containsExactly(CLINICIAN_STORE_JOIN);
    }

    @Test
    void referenceDataGoesWhateverTheRoutingSaysAndOtherCentralDataNever() {
        assertThat(PatientResend.wants(3, ABBREVIATION, JsonObject.EMPTY_JSON_OBJECT, null, null, FACTS)).isTrue();
        assertThat(PatientResend.wants(3, ITEM, JsonObject.EMPTY_JSON_OBJECT, null, null, FACTS)).isFalse();
    }

    @Test
    void patientDataGoesOnlyWhereTheRoutingRulesSendIt() {
        assertThat(PatientResend.wants(2, INSURANCE, JsonObject.EMPTY_JSON_OBJECT, "D", "PAT", FACTS)).isTrue();
        assertThat(PatientResend.wants(3, INSURANCE, JsonObject.EMPTY_JSON_OBJECT, "D", "PAT", FACTS)).isFalse();
        assertThat(PatientResend.wants(2, CLINICIAN, JsonObject.EMPTY_JSON_OBJECT, "D", "DOC", FACTS))
                .as("a prescriber the routing rules send nowhere").isFalse();
    }

    @Test
    void theConditionHasAParameterForEachPlaceholderInOrder() {
        Query candidates = PatientResend.candidates(REGISTRY, "D", Set.of("DOC2", "DOC1"));
        assertThat(candidates.sql().chars().filter(c -> c == '?').count()).isEqualTo(candidates.parameters().size());
        assertThat(List.<Object>copyOf(candidates.parameters()))
                .containsExactly("abbreviation", "insuranceProvider", "D", "DOC1", "DOC2");
        Query none = PatientResend.candidates(REGISTRY, "D", Set.of());
        assertThat(none.sql().chars().filter(c -> c == '?').count()).isEqualTo(none.parameters().size());
    }

    @Test
    void aJoinPlacesInTheStoreWhomItsRecordsOfThatStoreName() {
        Query placed = PatientResend.placedBy(CLINICIAN_STORE_JOIN, "D");
        assertThat(placed.sql().chars().filter(c -> c == '?').count()).isEqualTo(placed.parameters().size());
        assertThat(List.<Object>copyOf(placed.parameters()))
                .containsExactly("$.\"prescriber_ID\"", "clinician_store_join", "$.\"store_ID\"", "D");
    }

    private static DataType central(String table, boolean dispensaryOnly) {
        return new DataType(table, DataTypeKind.CENTRAL, null, null, null, null, null, dispensaryOnly, false);
    }
}
