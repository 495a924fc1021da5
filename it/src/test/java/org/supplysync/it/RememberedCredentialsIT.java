package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.supplysync.client.api.SyncV5Api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.admin;

/**
 * A site's credentials, once verified, are remembered for a while so that a sync call does not pay the slow hash
 * every time: nothing the full check refuses gets through while they are remembered.
 */
class RememberedCredentialsIT extends DeployedApplication {

    @Test
    void aWrongPasswordIsRefusedRightAfterTheRightOneWasAccepted() {
        RemoteSite site = RemoteSite.register("desktop");
        site.get("/sync/v5/site").expect(200);

        assertThat(errorCode(call(site.name, SyncV5Api.sha256Hex("not the password"), "HW-" + site.name)))
                .isEqualTo("site_incorrect_password");
        assertThat(errorCode(call(site.name, SyncV5Api.sha256Hex("pw-" + site.name) + "0", "HW-" + site.name)))
                .isEqualTo("site_incorrect_password");
        site.get("/sync/v5/site").expect(200);
    }

    @Test
    void aChangedPasswordRefusesTheOldOneAtOnce() {
        RemoteSite site = RemoteSite.register("desktop");
        site.get("/sync/v5/site").expect(200);
        site.get("/sync/v5/site_status").expect(200);

        admin().body(Map.of("password", "changed")).post("/api/sites/" + site.id + "/password").then().statusCode(204);

        assertThat(errorCode(RemoteSite.send(site.request("/sync/v5/site").GET()))).isEqualTo("site_incorrect_password");
        RemoteSite.existing(site.id, site.name, "changed").get("/sync/v5/site").expect(200);
    }

    @Test
    void theDeviceIsCheckedOnEveryCallWhateverIsRemembered() {
        RemoteSite site = RemoteSite.register("desktop");
        String secret = SyncV5Api.sha256Hex("pw-" + site.name);
        site.get("/sync/v5/site").expect(200);

        assertThat(errorCode(call(site.name, secret, "another-device"))).isEqualTo("site_incorrect_hardware_id");

        // Unbound, the site is bound by the next device that syncs; the first device is refused from then on.
        admin().delete("/api/sites/" + site.id + "/hardware-id").then().statusCode(204);
        assertThat(call(site.name, secret, "another-device").status()).isEqualTo(200);
        assertThat(errorCode(RemoteSite.send(site.request("/sync/v5/site").GET()))).isEqualTo("site_incorrect_hardware_id");
    }

    @Test
    void aDeletedSiteIsRefusedAtOnceAndASiteOfTheSameNameNeedsItsOwnPassword() throws SQLException {
        RemoteSite site = RemoteSite.register("desktop");
        site.get("/sync/v5/site").expect(200);

        // The admin API has no way to delete a site: the database's is the only one.
        try (Connection connection = Database.application().getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from site where id = ?")) {
            delete.setInt(1, site.id);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
        assertThat(errorCode(RemoteSite.send(site.request("/sync/v5/site").GET()))).isEqualTo("site_name_not_found");

        admin().body(Map.of("id", Api.newSiteId(), "name", site.name, "type", "desktop", "password", "someone else's"))
                .post("/api/sites").then().statusCode(201);
        assertThat(errorCode(RemoteSite.send(site.request("/sync/v5/site").GET()))).isEqualTo("site_incorrect_password");
    }

    private static RemoteSite.Response call(String name, String secret, String hardwareId) {
        return RemoteSite.send(HttpRequest.newBuilder(URI.create(Api.BASE_URI + "/sync/v5/site"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((name + ":" + secret).getBytes()))
                .header("msupply-site-uuid", hardwareId));
    }

    private static String errorCode(RemoteSite.Response response) {
        assertThat(response.status()).isEqualTo(401);
        JsonNode body = response.json();
        return body.path("error").path("code").asText();
    }
}
