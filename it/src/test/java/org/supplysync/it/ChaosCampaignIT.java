package org.supplysync.it;

import org.junit.jupiter.api.Test;
import org.supplysync.client.chaos.CampaignFigures;
import org.supplysync.client.chaos.CampaignSize;
import org.supplysync.client.chaos.ChaosCampaign;
import org.supplysync.client.chaos.FaultPoint;
import org.supplysync.client.chaos.HeldRows;
import org.supplysync.client.chaos.ServerProcesses;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
                List.of(ServerScript.SCRIPT, "start", "--no-deploy"), ServerScript.theItServer().environment());
        int runs = Integer.getInteger("supplysync.it.chaosRuns", 2);

        CampaignFigures figures = new ChaosCampaign(URI.create(Api.BASE_URI), Api.ADMIN_PASSWORD, server,
                new HeldRows.Database(Database.SERVER_URL + "/supplysync", "root", ""), runs, CampaignSize.standard(),
                Files.createTempDirectory(campaigns, "chaos-sites"), System.out).run();
        figures.write(campaigns.resolve("chaos.json"));
        System.out.println(figures.summary());

        assertThat(figures.faultsInjected()).isEqualTo(runs);
        // Each point held open at every kill: the push batch, the pull, the integration chunk and the job's next chunk
        // waiting inside their transactions for rows the campaign locks, and the page not acknowledged.
        assertThat(figures.kills()).as("every kill landed while the work of every point was under way")
                .allSatisfy(kill -> assertThat(kill.points()).hasSize(FaultPoint.values().length).allSatisfy(
                        (point, proof) -> assertThat(proof.proven()).as(point + ": " + proof.evidence()).isTrue()));
        assertThat(figures.recordsPushedAnswered200()).isPositive();
        assertThat(figures.recordsLost()).as("records of pushes answered 200 missing where they route: %s",
                figures.lostExamples()).isZero();
        assertThat(figures.acknowledgedRecordsResent()).as("acknowledged records handed out again: %s",
                figures.resentExamples()).isZero();
        assertThat(figures.recordsLeaked()).as("records held where the rules do not send them: %s",
                figures.leakedExamples()).isZero();
    }
}
