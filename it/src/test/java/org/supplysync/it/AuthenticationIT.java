package org.supplysync.it;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.supplysync.client.api.SyncV5Api;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.anonymous;
import static org.supplysync.it.Api.unique;

/**
 * Repeated wrong passwords lock a site's or an administrator's name for a while (supplysync.security.*: five failures,
 * a lock of seconds in the tests, it/pom.xml), whatever password comes meanwhile; the lock ends by itself. A site's
 * bound device is counted apart, so that nobody else's wrong passwords lock the real site out.
 */
class AuthenticationIT extends DeployedApplication {

    /** supplysync.security.lock-after-failures, the default. */
    private static final int MAX_FAILURES = 5;
    private static final long LOCK_MILLIS = Long.getLong("supplysync.it.securityLockSeconds", 20) * 1000;

    @Test
    void wrongSitePasswordsFromItsDeviceLockTheNameInTheV5ShapeEvenForTheRightPasswordUntilTheLockEnds() {
        RemoteSite site = RemoteSite.register("desktop");
        String device = "HW-" + site.name;
        String right = SyncV5Api.sha256Hex("pw-" + site.name);
        String wrong = SyncV5Api.sha256Hex("not the password");
        sync(site.name, right, device).then().statusCode(200);

        for (int i = 1; i < MAX_FAILURES; i++) {
            sync(site.name, wrong, device).then().statusCode(401).body("error.code", equalTo("site_incorrect_password"));
        }
        assertThat(sync(site.name, right, device).statusCode()).as("a success clears the count").isEqualTo(200);
        for (int i = 1; i < MAX_FAILURES; i++) {
            sync(site.name, wrong, device).then().statusCode(401).body("error.code", equalTo("site_incorrect_password"));
        }

        Response locking = sync(site.name, wrong, device);
        assertLockedInTheV5Shape(locking);
        Response rightPassword = sync(site.name, right, device);
        assertLockedInTheV5Shape(rightPassword);
        assertThat(rightPassword.jsonPath().getLong("error.data.timeoutRemaining"))
                .as("milliseconds, within the lock").isBetween(1L, LOCK_MILLIS);
        assertThat(Long.parseLong(rightPassword.header("Retry-After"))).isBetween(1L, LOCK_MILLIS / 1000);

        await().atMost(Duration.ofMillis(LOCK_MILLIS + 30_000)).pollInterval(Duration.ofMillis(500))
                .until(() -> sync(site.name, right, device).statusCode() == 200);
        sync(site.name, wrong, device).then().statusCode(401).body("error.code", equalTo("site_incorrect_password"));
    }

    @Test
    void wrongPasswordsFromElsewhereNeverLockTheBoundDeviceOut() {
        RemoteSite site = RemoteSite.register("desktop");
        String device = "HW-" + site.name;
        String right = SyncV5Api.sha256Hex("pw-" + site.name);
        sync(site.name, right, device).then().statusCode(200);

        for (int i = 0; i <= MAX_FAILURES; i++) {
            sync(site.name, SyncV5Api.sha256Hex("guess " + i), "attacker").then()
                    .statusCode(i < MAX_FAILURES - 1 ? 401 : 429);
        }
        assertLockedInTheV5Shape(sync(site.name, right, "attacker"));
        Api.site(site.name, "pw-" + site.name).get("/api/v4/patient?code=x").then().statusCode(429)
                .contentType("application/json").body("status", equalTo("error")).body("code", equalTo("site_auth_timeout"));

        sync(site.name, right, device).then().statusCode(200);
        site.get("/sync/v5/site_status").expect(200);
        assertThat(sync(site.name, right, "attacker").jsonPath().getString("error.code"))
                .as("the attacker's device is still refused").isIn("site_auth_timeout", "site_incorrect_hardware_id");
    }

    @Test
    void wrongAdministratorPasswordsAre429WithRetryAfterEvenForTheRightPasswordUntilTheLockEnds() {
        String name = unique("eve");
        admin().body(Map.of("name", name, "password", "right", "role", "admin")).post("/api/administrators")
                .then().statusCode(201);
        as(name, "right").get("/api/sites/1").then().statusCode(200);

        for (int i = 1; i < MAX_FAILURES; i++) {
            as(name, "wrong").get("/api/sites/1").then().statusCode(401).contentType("application/problem+json");
        }
        assertTooManyFailures(as(name, "wrong").get("/api/sites/1"));
        assertTooManyFailures(as(name, "right").get("/api/sites/1"));
        assertThat(admin().get("/api/sites/1").statusCode()).as("another administrator is not locked").isEqualTo(200);

        await().atMost(Duration.ofMillis(LOCK_MILLIS + 30_000)).pollInterval(Duration.ofMillis(500))
                .until(() -> as(name, "right").get("/api/sites/1").statusCode() == 200);
    }

    @Test
    void anUnknownAdministratorNameIsLockedLikeAKnownOneSoTheAnswersTellNoNames() {
        String nobody = unique("nobody");
        for (int i = 1; i < MAX_FAILURES; i++) {
            as(nobody, "guess").get("/api/sites/1").then().statusCode(401);
        }
        assertTooManyFailures(as(nobody, "guess").get("/api/sites/1"));
    }

    @Test
    void aSiteAndAnAdministratorOfTheSameNameAreCountedApart() {
        RemoteSite site = RemoteSite.register("desktop");
        admin().body(Map.of("name", site.name, "password", "admin-secret", "role", "viewer")).post("/api/administrators")
                .then().statusCode(201);
        for (int i = 0; i < MAX_FAILURES; i++) {
            as(site.name, "wrong").get("/api/sites/1");
        }
        assertTooManyFailures(as(site.name, "admin-secret").get("/api/sites/1"));

        site.get("/sync/v5/site").expect(200);
    }

    private static void assertLockedInTheV5Shape(Response response) {
        response.then().statusCode(429).contentType("application/json")
                .body("error.code", equalTo("site_auth_timeout"));
        assertThat(response.jsonPath().getString("error.message")).isNotBlank();
        assertThat(response.header("Retry-After")).isNotNull();
    }

    private static void assertTooManyFailures(Response response) {
        response.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429));
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, LOCK_MILLIS / 1000);
    }

    private static Response sync(String name, String secret, String device) {
        return anonymous().auth().preemptive().basic(name, secret).header("msupply-site-uuid", device)
                .get("/sync/v5/site");
    }

    private static RequestSpecification as(String name, String password) {
        return anonymous().auth().preemptive().basic(name, password);
    }
}
