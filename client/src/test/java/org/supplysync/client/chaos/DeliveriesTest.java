package org.supplysync.client.chaos;

import org.junit.jupiter.api.Test;
import org.supplysync.client.local.Pulled;
import org.supplysync.client.simulate.SiteRecords;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveriesTest {

    @Test
    void aRecordHandedOutAgainBeforeItsAcknowledgementIsADuplicate() {
        Deliveries deliveries = new Deliveries(false);
        deliveries.handedOut(List.of("1001"), List.of(location("L1")));
        deliveries.handedOut(List.of("1001"), List.of(location("L1")));

        assertThat(deliveries.duplicates()).isEqualTo(1);
        assertThat(deliveries.acknowledgedResent()).isZero();
        assertThat(deliveries.delivered()).isEqualTo(2);
    }

    @Test
    void aSyncOutIdHandedOutAfterItsAcknowledgementWasAnsweredIsReSent() {
        Deliveries deliveries = new Deliveries(true);
        deliveries.handedOut(List.of("1001"), List.of(location("L1")));
        deliveries.acknowledged(List.of("1001"));
        deliveries.handedOut(List.of("1001"), List.of(location("L1")));

        assertThat(deliveries.acknowledgedResent()).isEqualTo(1);
        assertThat(deliveries.resentExamples()).containsExactly("Location/L1 (syncOutId 1001)");
    }

    @Test
    void anAcknowledgedRecordUnderANewSyncOutIdIsReSentUnlessTheSiteIsInitialisedAgain() {
        Deliveries site = new Deliveries(false);
        Deliveries initialised = new Deliveries(true);
        for (Deliveries deliveries : List.of(site, initialised)) {
            deliveries.handedOut(List.of("1001"), List.of(location("L1")));
            deliveries.acknowledged(List.of("1001"));
            deliveries.handedOut(List.of("2001"), List.of(location("L1")));
        }

        assertThat(site.acknowledgedResent()).isEqualTo(1);
        assertThat(initialised.acknowledgedResent()).isZero();
        assertThat(initialised.duplicates()).isEqualTo(1);
    }

    private static Pulled location(String id) {
        return new Pulled(ChaosSite.TABLE, id, "Update", SiteRecords.location(id, "S1", "C", "shelf", 1));
    }
}
