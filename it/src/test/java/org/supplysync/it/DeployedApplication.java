package org.supplysync.it;

import io.restassured.response.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Deploys the real EAR, as built by the {@code ear} module, to the running Payara Server domain; tests then talk to
 * it over HTTP like any client would.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedApplication {

    private static final List<String> RUNNING = List.of("STARTING", "STARTED", "STOPPING");

    @Deployment(testable = false)
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("supplysync.it.ear")));
    }

    /**
     * Arquillian undeploys the application after this, and a job still running then is cut off mid-chunk; the next
     * class's deployment restarts the interrupted run in the middle of that class's tests, where it competes with
     * their own jobs. So a class that started a job without waiting for its end (its test was about something else)
     * waits for it here. No server to ask (a class that stopped it) means nothing runs.
     */
    @AfterAll
    static void leaveNoJobRunning() {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> runningJobs().isEmpty());
    }

    private static List<String> runningJobs() {
        Response jobs;
        try {
            jobs = Api.admin().get("/api/jobs");
        } catch (RuntimeException unreachable) {
            return List.of();
        }
        return jobs.then().statusCode(200).extract().jsonPath().<String>getList("status").stream()
                .filter(RUNNING::contains).toList();
    }
}
