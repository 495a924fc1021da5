package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.supplysync.it.CampaignFigures.Violation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.supplysync.it.RemoteSite.JSON;

/**
 * The admin API and the v4 calls under abuse: hostile path segments, query parameters and bodies on every endpoint
 * that a test may call without changing what the rest of the tests rely on (never the administrator's password, the
 * primary site or centralised procurement, and the sites and stores it changes are its own).
 */
final class AdminAbuse {

    private final Campaign campaign;
    private final int ownSite;
    private final String ownStore;

    AdminAbuse(Campaign campaign, int ownSite, String ownStore) {
        this.campaign = campaign;
        this.ownSite = ownSite;
        this.ownStore = ownStore;
    }

    /** Endpoints: method, path ({} a hostile segment, {q} a hostile query value), the fields their bodies have. */
    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/api/sites", "id", "name", "type", "password", "primary"),
                new Endpoint("GET", "/api/sites/{}"),
                new Endpoint("GET", "/api/sites/{}/refusals?limit={q}"),
                new Endpoint("GET", "/api/sites/{}/syncs?limit={q}"),
                new Endpoint("POST", "/api/sites/" + ownSite + "/password", "password"),
                new Endpoint("POST", "/api/sites/{}/refusals/{}/resubmit"),
                new Endpoint("DELETE", "/api/sites/{}/hardware-id"),
                new Endpoint("POST", "/api/stores", "id", "code", "name", "nameId", "activeSiteId", "dispensary",
                        "includeTransactions"),
                new Endpoint("GET", "/api/stores/{}"),
                new Endpoint("PUT", "/api/stores/" + ownStore + "/sync-with/{}", "type"),
                new Endpoint("PUT", "/api/stores/{}/sync-with/" + ownSite, "type"),
                new Endpoint("POST", "/api/records", "data"),
                new Endpoint("GET", "/api/records/{}/{}"),
                new Endpoint("GET", "/api/audit?since={q}&limit={q}"),
                new Endpoint("GET", "/api/quarantine?site={q}"),
                new Endpoint("POST", "/api/quarantine/{}/retry"),
                new Endpoint("DELETE", "/api/quarantine/{}"),
                new Endpoint("POST", "/api/jobs/{}", "siteId", "storeId", "toSiteId", "keepCollector"),
                new Endpoint("GET", "/api/jobs/{}"),
                new Endpoint("POST", "/api/users", "name", "password", "firstName", "lastName", "email", "stores"),
                new Endpoint("GET", "/api/users/{}"),
                new Endpoint("PUT", "/api/users/{}/stores", "stores"),
                new Endpoint("PUT", "/api/patients/{}/home-store", "storeId"),
                new Endpoint("GET", "/api/transfers/{}/{}"),
                new Endpoint("GET", "/api/reports/stock-on-hand?store={q}&item={q}&limit={q}"),
                new Endpoint("GET", "/api/reports/monthly-usage?from={q}&to={q}&store={q}"),
                new Endpoint("GET", "/api/dashboard/sites?status={q}&limit={q}"),
                new Endpoint("GET", "/api/administrators/{}"),
                new Endpoint("POST", "/api/administrators", "name", "password", "role"),
                new Endpoint("POST", "/api/v4/login", "username", "password", "loginType", "siteName"),
                new Endpoint("GET", "/api/{}"),
                new Endpoint("PATCH", "/api/sites"));
    }

    void hostileCalls(int tries) {
        List<Endpoint> endpoints = endpoints();
        for (int i = 0; i < tries; i++) {
            Endpoint endpoint = Arbitraries.of(endpoints).sample();
            String path = endpoint.path.replace("{q}", "\u0001");
            while (path.contains("{}")) {
                path = path.replaceFirst("\\{}", java.util.regex.Matcher.quoteReplacement(segment().sample()));
            }
            while (path.contains("\u0001")) {
                path = path.replaceFirst("\u0001", query(HostileInput.text().sample()));
            }
            byte[] body = endpoint.fields.isEmpty() && !"POST".equals(endpoint.method) ? null : body(endpoint).sample();
            if (Arbitraries.integers().between(0, 4).sample() == 0) {
                campaign.admin("admin API", endpoint.method, path, body, Arbitraries.of("Content-Type", "Accept",
                        "Accept-Language", "Content-Language").sample(), HostileInput.mediaType().sample());
            } else {
                campaign.admin("admin API", endpoint.method, path, body);
            }
        }
    }

    /** Bodies over the limits of /api/records: 413 problem+json. */
    void oversized(int maxBytes, int maxRecords) {
        String big = "{\"data\": [{\"tableName\": \"item\", \"recordId\": \"X\", \"action\": \"Update\", \"recordData\":"
                + " {\"ID\": \"X\", \"note\": \"" + "x".repeat(maxBytes) + "\"}}]}";
        StringBuilder many = new StringBuilder("{\"data\": [");
        for (int r = 0; r <= maxRecords; r++) {
            many.append(r == 0 ? "" : ",").append("{\"tableName\": \"item\", \"recordId\": \"X").append(r)
                    .append("\", \"action\": \"Update\", \"recordData\": {}}");
        }
        for (String body : List.of(big, many.append("]}").toString())) {
            Campaign.Answer answer = campaign.admin("oversized bodies", "POST", "/api/records", body);
            if (answer.status() != 413) {
                campaign.figures.violation(Violation.WRONG_SHAPE, "oversized /api/records body of " + body.length()
                        + " characters -> " + answer.status() + " " + answer.body());
            }
        }
    }

    private Arbitrary<byte[]> body(Endpoint endpoint) {
        List<String> fields = endpoint.fields.isEmpty() ? List.of("x") : endpoint.fields;
        Arbitrary<String> object = HostileInput.anyObject(fields).map(AdminAbuse::neverPrimary).map(JsonNode::toString);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, object.map(text -> text.getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(2, object.flatMap(HostileInput::malformed)),
                net.jqwik.api.Tuple.of(1, HostileInput.nested(2_000).map(text -> text.getBytes(StandardCharsets.UTF_8))));
    }

    /** A site made primary would take central data away from the central for every test after this one. */
    private static ObjectNode neverPrimary(ObjectNode body) {
        if (body.path("primary").asBoolean(false)) {
            body.put("primary", false);
        }
        return body;
    }

    private static Arbitrary<String> segment() {
        return Arbitraries.oneOf(
                HostileInput.text().filter(text -> !text.isEmpty()).map(AdminAbuse::query),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("..", ".", "%2e%2e", "%2F", "%00", "%25", "%C0%AF", "%E2%80%AE", "-1", "0",
                        "99999999999999999999", "1.5", "x".repeat(5_000), "name_store_join", "transact"));
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Endpoint(String method, String path, List<String> fields) {

        Endpoint(String method, String path, String... fields) {
            this(method, path, List.of(fields));
        }
    }
}
