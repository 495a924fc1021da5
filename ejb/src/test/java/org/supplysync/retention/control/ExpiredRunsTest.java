package org.supplysync.retention.control;

import org.junit.jupiter.api.Test;
import org.supplysync.retention.control.ExpiredRuns.Run;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredRunsTest {

    private static final Instant CUTOFF = Instant.parse("2026-09-01T00:00:00Z");
    private static final Instant OLD = CUTOFF.minusSeconds(86_400);
    private static final Instant YOUNG = CUTOFF.plusSeconds(86_400);
    private static final String SITE_7 = "{\"siteId\":7}";

    @Test
    void aCompletedRunGoesOnceItEndedBeforeTheCutoff() {
        Run old = run(1, "initialise-site", 7, SITE_7, "COMPLETED", OLD);
        Run young = run(2, "initialise-site", 8, "{\"siteId\":8}", "COMPLETED", YOUNG);

        assertThat(ExpiredRuns.expired(List.of(young, old), CUTOFF)).containsExactly(old);
    }

    @Test
    void aFailedOrStoppedRunStaysWhileItIsTheLastOfItsWorkHoweverOld() {
        Run failed = run(1, "initialise-site", 7, SITE_7, "FAILED", OLD);
        Run stopped = run(2, "resend-patients", 7, "{\"storeId\":\"A\"}", "STOPPED", OLD);
        Run otherStore = run(3, "resend-patients", 7, "{\"storeId\":\"B\"}", "COMPLETED", YOUNG);
        Run otherSite = run(4, "initialise-site", 8, "{\"siteId\":8}", "COMPLETED", YOUNG);

        assertThat(ExpiredRuns.expired(List.of(failed, stopped, otherStore, otherSite), CUTOFF)).isEmpty();
    }

    @Test
    void aFailedRunGoesOnlyOnceALaterRunOfTheSameWorkSupersedesItAndItIsOld() {
        Run failedOld = run(1, "initialise-site", 7, SITE_7, "FAILED", OLD);
        Run stoppedYoung = run(2, "initialise-site", 7, SITE_7, "STOPPED", YOUNG);
        Run later = run(3, "initialise-site", 7, SITE_7, "COMPLETED", YOUNG);

        assertThat(ExpiredRuns.expired(List.of(later, stoppedYoung, failedOld), CUTOFF)).containsExactly(failedOld);
    }

    @Test
    void anActiveRunNeverGoes() {
        Run active = run(1, "move-store", 3, "{\"storeId\":\"A\",\"toSiteId\":3}", "ACTIVE", null);
        Run activeWithAnOldEnd = run(2, "initialise-site", 7, SITE_7, "ACTIVE", OLD);
        Run later = run(3, "initialise-site", 7, SITE_7, "COMPLETED", YOUNG);

        assertThat(ExpiredRuns.expired(List.of(active, activeWithAnOldEnd, later), CUTOFF)).isEmpty();
    }

    private static Run run(long id, String job, int site, String parameters, String state, Instant ended) {
        return new Run(id, job, site, parameters, state, ended);
    }
}
