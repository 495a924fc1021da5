package org.supplysync.it;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;

/** Jobs run in the server's batch runtime, whose repository is in MariaDB: the server's console shows them too. */
class BatchJobIT extends DeployedApplication {

    @Test
    void aJobRunsToCompletedAndItsExecutionIsStoredInTheRuntimesRepository() throws SQLException {
        RemoteSite site = RemoteSite.register("desktop");
        long executionId = admin().body(Map.of("siteId", site.id)).post("/api/jobs/initialise-site")
                .then().statusCode(202)
                .header("Location", containsString("/api/jobs/"))
                .body("jobName", equalTo("initialise-site"))
                .extract().jsonPath().getLong("executionId");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "COMPLETED".equals(admin().get("/api/jobs/" + executionId).then().statusCode(200)
                        .extract().path("status")));

        try (Connection connection = Database.application().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select BATCHSTATUS from EXECUTIONINSTANCEDATA where JOBEXECID = ?")) {
            query.setLong(1, executionId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("execution row in MariaDB").isTrue();
                assertThat(row.getString(1)).isEqualTo("COMPLETED");
            }
        }
        admin().get("/api/jobs").then().statusCode(200).body("executionId", org.hamcrest.Matchers.hasItem(
                org.hamcrest.Matchers.anyOf(equalTo(executionId), equalTo((int) executionId))));
    }
}
