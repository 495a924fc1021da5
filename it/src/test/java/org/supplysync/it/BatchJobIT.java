package org.supplysync.it;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;

class BatchJobIT extends DeployedApplication {

    @Test
    void aJobRunsToCompletedAndItsExecutionIsStoredInMariaDb() throws SQLException {
        long executionId = admin().post("/api/batch/jobs/central-copy-census")
                .then().statusCode(202)
                .header("Location", containsString("/api/batch/executions/"))
                .body("jobName", equalTo("central-copy-census"))
                .extract().jsonPath().getLong("executionId");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                "COMPLETED".equals(admin().get("/api/batch/executions/" + executionId).then().statusCode(200)
                        .extract().path("batchStatus")));

        try (Connection connection = Database.application().getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select BATCHSTATUS from EXECUTIONINSTANCEDATA where JOBEXECID = ?")) {
            query.setLong(1, executionId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("execution row in MariaDB").isTrue();
                assertThat(row.getString(1)).isEqualTo("COMPLETED");
            }
        }
    }

    @Test
    void anUnknownJobIsNotFound() {
        admin().post("/api/batch/jobs/no-such-job").then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/batch/executions/999999999").then().statusCode(404);
    }
}
