package org.supplysync.it.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.it.Api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The deployed server the integration tests run against: {@code supplysync.it.baseUri} and
 * {@code supplysync.it.adminPassword}, nothing else. Every test makes its own sites and stores with fresh ids.
 */
final class ServerUnderTest {

    static final URI BASE_URI = URI.create(required("supplysync.it.baseUri"));
    static final String ADMIN_PASSWORD = required("supplysync.it.adminPassword");
    static final AdminApi ADMIN = new AdminApi(BASE_URI, ADMIN_PASSWORD);

    private ServerUnderTest() {
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set");
        }
        return value;
    }

    static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 1_000_000_000_000L, 36).toUpperCase(Locale.ROOT)
                + ThreadLocalRandom.current().nextInt(1000);
    }

    /** A new remote site on the server; its password is "pw-" + its name. */
    static int newSite(String name) {
        int id = Api.newSiteId();
        ADMIN.createSite(id, name, "pw-" + name);
        return id;
    }

    static ObjectNode edit(String table, String id, ObjectNode data) {
        ObjectNode edit = AdminApi.JSON.createObjectNode().put("tableName", table).put("recordId", id)
                .put("action", "update");
        edit.set("recordData", data);
        return edit;
    }

    static void centralEdits(List<ObjectNode> edits) {
        JsonNode answer = ADMIN.records(edits);
        if (answer.path("refused").size() > 0) {
            throw new AssertionError("the central refused edits: " + answer.path("refused"));
        }
    }

    static ObjectNode join(String id, String nameId, String storeId) {
        return edit("name_store_join", id, AdminApi.JSON.createObjectNode().put("ID", id).put("name_ID", nameId)
                .put("store_ID", storeId).put("inactive", false));
    }
}
