package org.supplysync.transfer.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.supplysync.transfer.control.TransferRules.Decision;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What qualifies as a transfer the central completes (seed "Transfers", sync-rules.md "Transfers"), over the seed's
 * stores: A (central), B and F (site 2), C and D (site 3); C's and B's names visible in each other, D's nowhere.
 */
class TransferRulesTest {

    private static final Map<String, TransferFacts.StoreFact> STORES = Map.of(
            "A", new TransferFacts.StoreFact("A", "NAME_A", 1), "B", new TransferFacts.StoreFact("B", "NAME_B", 2),
            "C", new TransferFacts.StoreFact("C", "NAME_C", 3), "D", new TransferFacts.StoreFact("D", "NAME_D", 3),
            "F", new TransferFacts.StoreFact("F", "NAME_F", 2));
    /** name visible in store. */
    private static final Set<String> VISIBLE = Set.of("NAME_B/C", "NAME_C/B", "NAME_A/B", "NAME_F/B");

    private static final TransferFacts FACTS = new TransferFacts() {
        @Override
        public Optional<StoreFact> store(String storeId) {
            return Optional.ofNullable(STORES.get(storeId));
        }

        @Override
        public Optional<StoreFact> storeNamed(String nameId) {
            return STORES.values().stream().filter(store -> store.nameId().equals(nameId)).findFirst();
        }

        @Override
        public boolean isOtherName(String nameId) {
            return nameId.startsWith("CUSTOMER");
        }

        @Override
        public boolean visible(String nameId, String inStoreId) {
            return VISIBLE.contains(nameId + "/" + inStoreId);
        }
    };

    @Test
    void aCustomerInvoiceFinalisedToAStoreOnAnotherSiteIsCompleted() {
        assertThat(decide(TransferKind.STOCK, ci("NAME_B", "fn"), "C"))
                .isEqualTo(new Decision.Create(STORES.get("B")));
    }

    @Test
    void nothingHappensBeforeTheTrigger() {
        assertThat(decide(TransferKind.STOCK, ci("NAME_B", "cn"), "C")).isInstanceOf(Decision.None.class);
        assertThat(decide(TransferKind.STOCK, ci("NAME_B", "sg"), "C")).isInstanceOf(Decision.None.class);
        assertThat(decide(TransferKind.ORDER, order("NAME_C", "sg"), "B")).isInstanceOf(Decision.None.class);
        assertThat(decide(TransferKind.ORDER, order("NAME_C", "cn"), "B")).isEqualTo(new Decision.Create(STORES.get("C")));
    }

    @Test
    void aTransferBetweenTwoStoresOfOneSiteIsThatSitesOwn() {
        assertThat(decide(TransferKind.STOCK, ci("NAME_F", "fn"), "B")).isEqualTo(new Decision.Local(STORES.get("F")));
    }

    @Test
    void aStoreNotVisibleToTheInitiatingStoreFailsWithItsReason() {
        Decision decision = decide(TransferKind.STOCK, ci("NAME_D", "fn"), "B");

        assertThat(decision).isInstanceOf(Decision.Failed.class);
        assertThat(((Decision.Failed) decision).reason()).contains("D is not visible in store B");
    }

    @Test
    void aNameOfNoStoreTheCentralKnowsFailsAsAnUnknownStoreButACustomerIsNoTransfer() {
        Decision unknown = decide(TransferKind.STOCK, ci("NAME_GONE", "fn"), "C");

        assertThat(unknown).isInstanceOf(Decision.Failed.class);
        assertThat(((Decision.Failed) unknown).reason()).startsWith("unknown store: NAME_GONE");
        assertThat(decide(TransferKind.STOCK, ci("CUSTOMER1", "fn"), "C")).isInstanceOf(Decision.None.class);
        assertThat(decide(TransferKind.STOCK, ci("NAME_C", "fn"), "C")).as("to its own name").isInstanceOf(Decision.None.class);
    }

    @Test
    void aResponseTheInitiatingHalfIsLinkedToAlreadyMeansNothingIsMade() {
        JsonObject linked = Json.createObjectBuilder(ci("NAME_B", "fn")).add("linked_transaction_id", "SI_BY_SITE2").build();

        assertThat(decide(TransferKind.STOCK, linked, "C"))
                .isEqualTo(new Decision.Found(STORES.get("B"), "transact", "SI_BY_SITE2"));
    }

    @Test
    void theSupplyOfAnOrderGoesBackToTheOrderingStoreWhateverItsVisibility() {
        assertThat(decide(TransferKind.SUPPLY, ci("NAME_B", "fn"), "D")).isEqualTo(new Decision.Create(STORES.get("B")));
    }

    @Test
    void whichRecordsStartWhichTransfer() {
        assertThat(TransferRules.initiatingKind("transact", ci("NAME_B", "fn"))).contains(TransferKind.STOCK);
        assertThat(TransferRules.initiatingKind("transact", Json.createObjectBuilder(ci("PATIENT", "fn"))
                .add("mode", "dispensary").build())).as("a prescription").isEmpty();
        assertThat(TransferRules.initiatingKind("transact", Json.createObjectBuilder().add("type", "sc").build()))
                .contains(TransferKind.RETURN);
        assertThat(TransferRules.initiatingKind("transact", Json.createObjectBuilder().add("type", "si").build())).isEmpty();
        assertThat(TransferRules.initiatingKind("requisition", Json.createObjectBuilder().add("type", "request").build()))
                .contains(TransferKind.REQUISITION);
        assertThat(TransferRules.initiatingKind("requisition", Json.createObjectBuilder().add("type", "response").build()))
                .isEmpty();
        assertThat(TransferRules.initiatingKind("purchase_order", order("NAME_C", "nw"))).contains(TransferKind.ORDER);
        assertThat(TransferRules.initiatingKind("Location", Json.createObjectBuilder().build())).isEmpty();
    }

    @Test
    void aResponseASiteMadeAnswersItsRequest() {
        JsonObject si = Json.createObjectBuilder().add("type", "si").add("linked_transaction_id", "CI1").build();
        JsonObject response = Json.createObjectBuilder().add("type", "response").add("linked_requisition_id", "RQ1").build();

        assertThat(TransferRules.answers("transact", si)).contains(new TransferRules.Answer(TransferKind.STOCK, "CI1"));
        assertThat(TransferRules.answers("requisition", response))
                .contains(new TransferRules.Answer(TransferKind.REQUISITION, "RQ1"));
        assertThat(TransferRules.answers("transact", Json.createObjectBuilder().add("type", "si").build())).isEmpty();
    }

    private static Decision decide(TransferKind kind, JsonObject data, String store) {
        return TransferRules.decide(kind, data, store, FACTS);
    }

    private static JsonObject ci(String customer, String status) {
        return Json.createObjectBuilder().add("ID", "CI1").add("type", "ci").add("mode", "store").add("name_ID", customer)
                .add("status", status).add("linked_transaction_id", "").build();
    }

    private static JsonObject order(String supplier, String status) {
        return Json.createObjectBuilder().add("ID", "PO1").add("name_ID", supplier).add("status", status).build();
    }
}
