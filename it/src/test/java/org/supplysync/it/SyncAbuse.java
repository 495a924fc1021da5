package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.supplysync.it.CampaignFigures.Violation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.JSON;

/**
 * The v5 API under abuse from a site with valid credentials: push bodies that are not JSON, of the wrong types, too
 * deep, too long, of unknown tables and broken ids, SQL and script in every field; pull and acknowledge parameters of
 * every kind, headers of every kind. Between rounds the site ends its push and drains its queue, as a client would:
 * anything of the victim's it receives is a leak.
 */
final class SyncAbuse {

    private final Campaign campaign;
    private final RemoteSite attacker;
    private final String attackerStore;
    private final Victim victim;
    private final String marker;
    /** Records the site pushed with SQL or script in their fields, to be read back as they were sent. */
    private final List<ObjectNode> injected = new ArrayList<>();

    SyncAbuse(Campaign campaign, RemoteSite attacker, String attackerStore, Victim victim, String marker) {
        this.campaign = campaign;
        this.attacker = attacker;
        this.attackerStore = attackerStore;
        this.victim = victim;
        this.marker = marker;
    }

    // --- push bodies ---------------------------------------------------------------------------------------------

    void malformedJson(int tries) {
        String valid = body(1, ownLocation(unique("L"))).toString();
        for (int i = 0; i < tries; i++) {
            String path = Arbitraries.of("/sync/v5/queued_records", "/sync/v5/acknowledged_records").sample();
            campaign.site("malformed JSON", attacker, "POST", path, HostileInput.malformed(valid).sample());
        }
    }

    void hugeStrings(int tries) {
        for (int i = 0; i < tries; i++) {
            String huge = HostileInput.huge().sample();
            ObjectNode record = switch (Arbitraries.integers().between(0, 3).sample()) {
                case 0 -> ownLocation(unique("L")).put("tableName", huge);
                case 1 -> ownLocation(huge);
                case 2 -> {
                    ObjectNode own = ownLocation(unique("L"));
                    ((ObjectNode) own.get("recordData")).put(huge.length() > 100_000 ? huge.substring(0, 100_000) : huge, 1);
                    yield own;
                }
                default -> {
                    ObjectNode own = ownLocation(unique("L"));
                    ((ObjectNode) own.get("recordData")).put("comment", huge);
                    yield own;
                }
            };
            push("huge strings", record);
        }
    }

    void deepNesting(int tries) {
        for (int i = 0; i < tries; i++) {
            String nested = HostileInput.nested(3_000).sample();
            String body = switch (Arbitraries.integers().between(0, 2).sample()) {
                case 0 -> nested;
                case 1 -> "{\"queueLength\": 1, \"data\": [" + nested + "]}";
                default -> "{\"queueLength\": 1, \"data\": [{\"tableName\": \"Location\", \"recordId\": \"" + unique("L")
                        + "\", \"action\": \"Update\", \"recordData\": {\"ID\": \"x\", \"store_ID\": \"" + attackerStore
                        + "\", \"x\": " + nested + "}}]}";
            };
            String path = Arbitraries.of("/sync/v5/queued_records", "/sync/v5/acknowledged_records").sample();
            campaign.site("deep nesting", attacker, "POST", path, bytes(body));
        }
    }

    void wrongTypes(int tries) {
        List<String> envelope = List.of("tableName", "recordId", "action", "recordData", "syncOutId");
        for (int i = 0; i < tries; i++) {
            ObjectNode body = body(1, ownLocation(unique("L")));
            switch (Arbitraries.integers().between(0, 3).sample()) {
                case 0 -> body.set("queueLength", HostileInput.anyValue().sample());
                case 1 -> body.set("data", HostileInput.anyValue().sample());
                case 2 -> ((ObjectNode) body.get("data").get(0)).set(Arbitraries.of(envelope).sample(),
                        HostileInput.anyValue().sample());
                default -> {
                    ObjectNode ack = JSON.createObjectNode();
                    ack.set("syncIDs", HostileInput.anyValue().sample());
                    campaign.site("wrong types", attacker, "POST", "/sync/v5/acknowledged_records", bytes(ack.toString()));
                    continue;
                }
            }
            campaign.site("wrong types", attacker, "POST", "/sync/v5/queued_records", bytes(body.toString()));
        }
    }

    void unknownTables(int tries) {
        Arbitrary<String> tables = Arbitraries.oneOf(HostileInput.text(),
                Arbitraries.of("location", "LOCATION", "Location ", " transact", "trans line", "sync_record", "site",
                        "administrator", "name\u0000", "store;", "data_type", "__proto__", "constructor"));
        for (int i = 0; i < tries; i++) {
            ObjectNode record = ownLocation(unique("L")).put("tableName", tables.sample());
            push("unknown tables", record);
        }
    }

    void missingAndDuplicatedIds(int tries) {
        for (int i = 0; i < tries; i++) {
            String id = unique("L");
            ObjectNode record = ownLocation(id);
            List<ObjectNode> records = new ArrayList<>(List.of(record));
            switch (Arbitraries.integers().between(0, 6).sample()) {
                case 0 -> record.remove("recordId");
                case 1 -> record.put("recordId", "");
                case 2 -> ((ObjectNode) record.get("recordData")).put("ID", unique("OTHER"));
                case 3 -> ((ObjectNode) record.get("recordData")).remove("ID");
                case 4 -> records.add(ownLocation(id).put("syncOutId", record.path("syncOutId").asText()));
                case 5 -> records.add(ownLocation(id).put("action", "Delete"));
                default -> record.put("action", Arbitraries.of("Upsert", "DELETE", "merge", "", "Update ", "Insert")
                        .sample());
            }
            push("missing or duplicated ids", records.toArray(ObjectNode[]::new));
        }
    }

    /** SQL and script text in every field of records the site owns; each must be stored exactly as it was sent. */
    void sqlAndScript(int tries) {
        for (int i = 0; i < tries; i++) {
            String id = unique("L") + HostileInput.sqlOrScript().sample();
            ObjectNode record = ownLocation(id.length() > 128 ? id.substring(0, 128) : id);
            ObjectNode data = (ObjectNode) record.get("recordData");
            data.put("code", HostileInput.sqlOrScript().sample()).put("name", HostileInput.sqlOrScript().sample())
                    .put("comment", HostileInput.sqlOrScript().sample())
                    .put(HostileInput.sqlOrScript().sample(), HostileInput.sqlOrScript().sample());
            if (Arbitraries.integers().between(0, 3).sample() == 0) {
                // Not the site's own then (no such store), and refused: but not a 5xx, not a query gone wrong.
                data.put("store_ID", HostileInput.sqlOrScript().sample());
            } else {
                injected.add(record);
            }
            push("SQL and script text", record);
        }
    }

    /** Records of the site's own that were pushed with SQL or script in them, as the central holds them now. */
    List<ObjectNode> injected() {
        return injected;
    }

    // --- pull, acknowledge, headers --------------------------------------------------------------------------

    void pullParameters(int tries) {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 50).map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("", " ", "1e3", "0x10", "+5", "-0", "5 ", "\u0661\u0662", "9".repeat(400), "2147483648",
                        "NaN", "null", "[]", "1,2", "%"),
                HostileInput.text());
        for (int i = 0; i < tries; i++) {
            String path = Arbitraries.of("/sync/v5/queued_records?limit=" + query(values.sample()),
                    "/sync/v5/central_records?cursor=" + query(values.sample()) + "&limit=" + query(values.sample()),
                    "/sync/v5/central_records?limit=1&cursor=" + query(values.sample()) + "&cursor=0",
                    "/sync/v5/queued_records?limit=1&limit=" + query(values.sample())).sample();
            Campaign.Answer answer = campaign.site("pull parameters", attacker, "GET", path, null);
            if (answer.status() == 200 && path.startsWith("/sync/v5/queued_records")) {
                checkNoLeak(answer.json().path("data"));
            }
        }
    }

    /** Acknowledgements of ids of every kind, the victim's own queue entries among them. */
    void acknowledgements(int tries, List<String> victimsSyncIds) {
        Arbitrary<JsonNode> ids = Arbitraries.oneOf(
                Arbitraries.of(victimsSyncIds).list().ofMinSize(1).ofMaxSize(victimsSyncIds.size())
                        .map(JSON::valueToTree),
                HostileInput.anyValue().list().ofMaxSize(20).map(JSON::valueToTree),
                Arbitraries.longs().list().ofMinSize(1).ofMaxSize(1_000).map(JSON::valueToTree));
        for (int i = 0; i < tries; i++) {
            ObjectNode body = JSON.createObjectNode();
            body.set("syncIDs", ids.sample());
            campaign.site("acknowledge parameters", attacker, "POST", "/sync/v5/acknowledged_records",
                    bytes(body.toString()));
        }
    }

    /** Credentials, versions and devices of every kind; never the site's own name with a wrong password (that locks it). */
    void headers(int tries) {
        Arbitrary<String> text = HostileInput.text().map(t -> t.replaceAll("[\\x00-\\x1f\\x7f-\\x{10ffff}]", "?"));
        for (int i = 0; i < tries; i++) {
            var request = attacker.request(Arbitraries.of("/sync/v5/site", "/sync/v5/site_status",
                    "/sync/v5/queued_records?limit=1").sample()).GET();
            switch (Arbitraries.integers().between(0, 5).sample()) {
                case 5 -> request.setHeader(Arbitraries.of("Content-Type", "Accept", "Accept-Language", "Content-Language")
                        .sample(), HostileInput.mediaType().sample());
                case 0 -> request.setHeader("version", text.sample());
                case 1 -> request.setHeader("msupply-site-uuid", text.sample());
                case 2 -> request.setHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (unique("nobody") + text.sample() + ":" + text.sample()).getBytes(StandardCharsets.UTF_8)));
                case 3 -> request.setHeader("Authorization", Arbitraries.of("Basic", "Basic !!!", "Bearer x", "Basic "
                        + java.util.Base64.getEncoder().encodeToString("no colon".getBytes(StandardCharsets.UTF_8)),
                        "Basic " + "A".repeat(8_000)).sample());
                default -> request.setHeader("app-version", text.sample()).setHeader("app-name", text.sample());
            }
            campaign.send("headers", request);
        }
    }

    // --- oversized -------------------------------------------------------------------------------------------

    /** Bodies over the configured limits: 413 {@code payload_too_large}, nothing else. */
    void oversized(int tries, int maxBytes, int maxRecords) {
        for (int i = 0; i < tries; i++) {
            byte[] body;
            if (i % 2 == 0) {
                ObjectNode record = ownLocation(unique("L"));
                ((ObjectNode) record.get("recordData")).put("comment", "x".repeat(maxBytes + 1 + i * 1_000));
                body = bytes(body(1, record).toString());
            } else {
                ObjectNode[] many = new ObjectNode[maxRecords + 1];
                for (int r = 0; r < many.length; r++) {
                    many[r] = ownLocation(unique("L"));
                }
                body = bytes(body(1, many).toString());
            }
            Campaign.Answer answer = campaign.site("oversized bodies", attacker, "POST", "/sync/v5/queued_records", body);
            JsonNode error = answer.json();
            if (answer.status() != 413 || error == null
                    || !"payload_too_large".equals(error.path("error").path("code").asText())) {
                campaign.figures.violation(Violation.WRONG_SHAPE, "oversized push of " + body.length + " bytes -> "
                        + answer.status() + " " + answer.body());
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** The records as one batch of a push session still going on (integrated when {@link #endPush()} ends it). */
    Campaign.Answer push(String category, ObjectNode... records) {
        ObjectNode[] numbered = new ObjectNode[records.length];
        for (int i = 0; i < records.length; i++) {
            numbered[i] = records[i].has("syncOutId") ? records[i]
                    : records[i].deepCopy().put("syncOutId", Long.toString(System.nanoTime()));
        }
        return campaign.site(category, attacker, "POST", "/sync/v5/queued_records",
                bytes(body(Arbitraries.integers().between(1, 10_000).sample(), numbered).toString()));
    }

    /** Ends the push session, waits for its integration, and drains the site's queue as a client would. */
    void endPush() {
        attacker.pushBatch(0, JSON.createArrayNode()).expect(200);
        attacker.awaitIdle();
        drain();
    }

    void drain() {
        List<JsonNode> received = attacker.drainQueue();
        ArrayNode all = JSON.createArrayNode();
        received.forEach(all::add);
        checkNoLeak(all);
    }

    private void checkNoLeak(JsonNode records) {
        for (JsonNode record : records) {
            String key = PatientData.key(record);
            if (victim.storeData.contains(key)) {
                campaign.figures.violation(Violation.LEAKED, "the attacker received the victim's " + key);
            }
            if (record.toString().contains(marker)) {
                campaign.figures.violation(Violation.UNOWNED_ACCEPTED, "the attacker received an unowned record: "
                        + record);
            }
        }
    }

    ObjectNode ownLocation(String id) {
        return RemoteSite.record("Location", id, "Update", Map.of("ID", id, "store_ID", attackerStore, "code", "A1"))
                .put("syncOutId", Long.toString(System.nanoTime()));
    }

    private static ObjectNode body(long queueLength, ObjectNode... records) {
        ObjectNode body = JSON.createObjectNode().put("queueLength", queueLength);
        body.putArray("data").addAll(List.of(records));
        return body;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
