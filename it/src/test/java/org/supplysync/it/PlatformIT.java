package org.supplysync.it;

import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.anonymous;

class PlatformIT extends DeployedApplication {

    @Test
    void healthSaysTheDatabaseAndTheBrokerAreUp() {
        anonymous().get("/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("database", "broker"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'broker' }.status", equalTo("UP"));
    }

    @Test
    void theServerServesAnOpenApiDocumentOfTheAdminApi() {
        anonymous().get("/openapi").then().statusCode(200)
                .body(containsString("/api/sites"))
                .body(containsString("/api/stores/{id}/sync-with/{siteId}"));
    }

    @Test
    void anUnknownPathIsAProblemNotAnHtmlPage() {
        admin().get("/api/no-such-thing").then().statusCode(404).contentType("application/problem+json");
        admin().delete("/api/sites").then().statusCode(405).contentType("application/problem+json");
    }
}
