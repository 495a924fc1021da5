package org.supplysync.it;

import org.junit.jupiter.api.Test;
import org.supplysync.client.chaos.CampaignFigures;
import org.supplysync.client.chaos.CampaignSize;
import org.supplysync.client.chaos.ChaosCampaign;
import org.supplysync.client.chaos.PointProof;
import org.supplysync.client.chaos.ServerProcesses;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault campaign's short form (issue 13): one kill -9 of Payara Server and one of mariadbd, each landing while one
 * site's push is in flight, another's complete push integrates, a third's pull is in flight, a fourth holds a pulled
 * page it has not acknowledged and an initialisation job runs; the server is started again as it/pom.xml starts it,
 * so the tests after this one find the same server. {@code -Pchaos-long} runs more kills. Figures in
 * {@code target/campaigns/chaos.json}.
 */
class ChaosCampaignIT extends DeployedApplication {

    @Test
    void killsMidWorkLoseNoAcceptedRecordAndResendNoAcknowledgedOne() throws Exception {
        Path dataDir = Path.of(System.getProperty("supplysync.it.dataDir"));
        Path campaigns = Files.createDirectories(dataDir.resolveSibling("campaigns"));
        ServerProcesses server = new ServerProcesses(URI.create(Api.BASE_URI), dataDir,
                List.of(System.getProperty("supplysync.it.script"), "start", "--no-deploy"), environment());
        int runs = Integer.getInteger("supplysync.it.chaosRuns", 2);

        CampaignFigures figures = new ChaosCampaign(URI.create(Api.BASE_URI), Api.ADMIN_PASSWORD, server, runs,
                CampaignSize.standard(), Files.createTempDirectory(campaigns, "chaos-sites"), System.out).run();
        figures.write(campaigns.resolve("chaos.json"));
        System.out.println(figures.summary());

        assertThat(figures.faultsInjected()).isEqualTo(runs);
        assertThat(figures.kills()).as("every kill landed at every point while the work there was under way")
                .allSatisfy(kill -> assertThat(kill.points().values()).hasSize(5).allMatch(PointProof::proven));
        assertThat(figures.recordsPushedAnswered200()).isPositive();
        assertThat(figures.recordsLost()).as("records of pushes answered 200 missing where they route: %s",
                figures.lostExamples()).isZero();
        assertThat(figures.acknowledgedRecordsResent()).as("acknowledged records handed out again: %s",
                figures.resentExamples()).isZero();
        assertThat(figures.recordsLeaked()).as("records held where the rules do not send them: %s",
                figures.leakedExamples()).isZero();
    }

    /** As it/pom.xml starts the shared server (the list ServerCrashIT keeps too). */
    private static Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("SUPPLYSYNC_DATA_DIR", System.getProperty("supplysync.it.dataDir")),
                Map.entry("SUPPLYSYNC_HTTP_PORT", System.getProperty("supplysync.it.httpPort")),
                Map.entry("SUPPLYSYNC_EMBEDDED_DB_PORT", System.getProperty("supplysync.it.dbPort")),
                Map.entry("SUPPLYSYNC_ADMIN_PASSWORD", Api.ADMIN_PASSWORD),
                Map.entry("SUPPLYSYNC_SYNC_MAX_BATCH_BYTES", "2000000"),
                Map.entry("SUPPLYSYNC_HEAP", "1024m"),
                Map.entry("SUPPLYSYNC_BROKER_MAX_MESSAGES_PER_TRANSACTION", System.getProperty("supplysync.it.maxMessages")),
                Map.entry("SUPPLYSYNC_QUEUE_MAX_MESSAGES_PER_TRANSACTION", System.getProperty("supplysync.it.maxMessages")),
                Map.entry("SUPPLYSYNC_RESYNC_PAGE_RECORDS", System.getProperty("supplysync.it.resyncPageRecords")),
                Map.entry("SUPPLYSYNC_USERS_LOGIN_LOCKOUT_SECONDS", System.getProperty("supplysync.it.loginLockoutSeconds")),
                Map.entry("SUPPLYSYNC_SECURITY_LOCK_SECONDS", System.getProperty("supplysync.it.securityLockSeconds")),
                Map.entry("SUPPLYSYNC_SECURITY_LONGEST_LOCK_SECONDS", System.getProperty("supplysync.it.securityLockSeconds")),
                Map.entry("SUPPLYSYNC_ALERTS_WEBHOOK_URL",
                        "http://127.0.0.1:" + System.getProperty("supplysync.it.webhookPort") + "/alerts"),
                Map.entry("SUPPLYSYNC_ALERTS_INTERVAL", System.getProperty("supplysync.it.alertsInterval")),
                Map.entry("SUPPLYSYNC_DASHBOARD_REFRESH_SECONDS", System.getProperty("supplysync.it.dashboardRefreshSeconds")));
    }
}
