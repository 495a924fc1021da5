package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * initialise-site (issue 9): a site that lost its database asks to be initialised and gets back exactly what the
 * central holds for it, its own records included, newest versions only; the job joins, stops, restarts and refuses
 * as admin-api.md says.
 */
class InitialisationIT extends DeployedApplication {

    @Test
    void aReinitialisedSiteGetsBackExactlyWhatItHeldAndNothingItShouldNot() {
        RemoteSite site = RemoteSite.register("desktop");
        RemoteSite other = RemoteSite.register("desktop");
        String own = createStore(site.id);
        String collected = createStore(other.id);
        String notOurs = createStore(other.id);
        Api.collectOn(collected, site.id);

        // What the site holds, as a receiver that upserts and deletes by id would: what it got, and what it made.
        Map<String, JsonNode> held = new HashMap<>();
        keep(held, site.drainQueue());
        List<ObjectNode> mine = List.of(location(unique("L"), own, "first"), location(unique("L"), own, "first"), location(unique("L"), own, "x"));
        site.push(mine.toArray(ObjectNode[]::new));
        ObjectNode renamed = mine.get(0).deepCopy();
        ((ObjectNode) renamed.get("recordData")).put("code", "second");
        site.push(renamed);
        site.push(record("Location", mine.get(2).path("recordId").asText(), "Delete", Map.of()));
        keepOwn(held, renamed, mine.get(1));
        other.push(location(unique("L"), collected, "theirs"), location(unique("L"), collected, "theirs too"),
                location(unique("L"), notOurs, "not for the site"));
        keep(held, site.drainQueue());
        assertThat(held.keySet()).as("the site got store data through sync before").anyMatch(key -> key.startsWith("Location/"));

        // The device is replaced: a new database, the same site. It asks to be initialised, as Open mSupply does.
        admin().delete("/api/sites/" + site.id + "/hardware-id").then().statusCode(204);
        RemoteSite.Response answer = site.post("/sync/v5/initialise", "{}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        long queueLength = JsonPath.from(answer.body()).getLong("queueLength");

        List<JsonNode> pulled = site.drainQueue();
        assertThat(pulled).hasSize((int) queueLength);
        Map<String, JsonNode> restored = new LinkedHashMap<>();
        keep(restored, pulled);
        assertThat(restored.keySet()).containsExactlyInAnyOrderElementsOf(held.keySet());
        held.forEach((key, data) -> assertThat(restored.get(key)).as(key).isEqualTo(data));
        assertThat(pulled).as("no record twice").hasSize(restored.size());

        JsonPath info = JsonPath.from(site.get("/sync/v5/site").body());
        assertThat(info.getString("initialisationStatus")).isEqualTo("completed");
        assertThat(info.getLong("queueLength")).isZero();
        assertThat(JsonPath.from(site.get("/sync/v5/site_status").body()).getString("code")).isEqualTo("idle");
    }

    @Test
    void aSecondPostWhileTheFirstRunsJoinsItInsteadOfStartingAnother() throws Exception {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        pushMany(site, store, 1_500);
        int runsBefore = runsOf(site.id).size();

        CompletableFuture<RemoteSite.Response> first = CompletableFuture.supplyAsync(() -> site.post("/sync/v5/initialise", "{}"));
        CompletableFuture<RemoteSite.Response> second = CompletableFuture.supplyAsync(() -> site.post("/sync/v5/initialise", "{}"));
        assertThat(first.get().status()).as(first.get().body()).isEqualTo(200);
        assertThat(second.get().status()).as(second.get().body()).isEqualTo(200);

        assertThat(runsOf(site.id)).hasSize(runsBefore + 1);
        List<JsonNode> pulled = site.drainQueue();
        assertThat(pulled.stream().filter(r -> r.path("tableName").asText().equals("Location")).count())
                .as("each of the site's records once: one run, not two").isEqualTo(1_500);
    }

    @Test
    void aStoppedInitialisationRestartsFromItsLastChunkAndQueuesNothingTwice() {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        List<String> ids = pushMany(site, store, 3_000);

        long execution = admin().body(Map.of("siteId", site.id)).post("/api/jobs/initialise-site")
                .then().statusCode(202).extract().jsonPath().getLong("executionId");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> job(execution).getLong("done") > 0);
        admin().post("/api/jobs/" + execution + "/stop").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "STOPPED".equals(job(execution).getString("status")));

        JsonPath stopped = job(execution);
        assertThat(stopped.getLong("done")).as("stopped midway: some chunks committed").isPositive()
                .isLessThan(stopped.getLong("total"));
        assertThat(JsonPath.from(site.get("/sync/v5/site").body()).getString("initialisationStatus")).isEqualTo("error");

        long restarted = admin().post("/api/jobs/" + execution + "/restart").then().statusCode(202)
                .extract().jsonPath().getLong("executionId");
        assertThat(restarted).isNotEqualTo(execution);
        assertThat(admin().get("/api/audit?limit=100").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.who == 'admin' && it.target == 'job execution " + execution + "' }.action"))
                .as("each administrator's act, newest first").containsExactly("job.restart", "job.stop", "job.start");
        await().atMost(Duration.ofSeconds(120)).until(() -> "COMPLETED".equals(job(restarted).getString("status")));

        List<String> pulled = site.drainQueue().stream().filter(r -> r.path("tableName").asText().equals("Location"))
                .map(r -> r.path("recordId").asText()).toList();
        assertThat(pulled).as("every record once, none twice").hasSize(ids.size()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(JsonPath.from(site.get("/sync/v5/site").body()).getString("initialisationStatus")).isEqualTo("completed");
    }

    @Test
    void anUpdateRoutedWhileTheJobRunsIsNeverOvertakenByAnOlderSnapshot() throws Exception {
        RemoteSite site = RemoteSite.register("desktop");
        RemoteSite other = RemoteSite.register("desktop");
        String collected = createStore(other.id);
        Api.collectOn(collected, site.id);
        List<String> ids = pushMany(other, collected, 2_000);
        site.drainQueue();

        long execution = admin().body(Map.of("siteId", site.id)).post("/api/jobs/initialise-site")
                .then().statusCode(202).extract().jsonPath().getLong("executionId");
        // While it runs, the owner renames every record: each goes to the site's queue as the intake routes it.
        ArrayNode renames = RemoteSite.JSON.createArrayNode();
        for (String id : ids) {
            renames.add(location(id, collected, "renamed").put("syncOutId", id));
        }
        other.pushBatch(ids.size(), renames).expect(200);
        other.pushBatch(0, RemoteSite.JSON.createArrayNode()).expect(200);
        other.awaitIdle();
        await().atMost(Duration.ofSeconds(120)).until(() -> "COMPLETED".equals(job(execution).getString("status")));

        Map<String, String> last = new HashMap<>();
        site.drainQueue().forEach(r -> last.put(r.path("recordId").asText(), r.path("recordData").path("code").asText()));
        assertThat(ids).allSatisfy(id -> assertThat(last.get(id)).as(id + " as the site ends with it").isEqualTo("renamed"));
    }

    @Test
    void badParametersStartNothingAndABusySiteRefusesASecondJob() {
        RemoteSite site = RemoteSite.register("desktop");
        admin().body(Map.of("siteId", 999_999_999)).post("/api/jobs/initialise-site").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("999999999"));
        admin().body(Map.of("siteId", 1)).post("/api/jobs/initialise-site").then().statusCode(400);
        admin().body(Map.of("siteId", "seven")).post("/api/jobs/initialise-site").then().statusCode(400);
        admin().body(Map.of("siteId", site.id, "colour", "red")).post("/api/jobs/initialise-site").then().statusCode(400);
        admin().body(Map.of("storeId", "NO_SUCH_STORE")).post("/api/jobs/resend-patients").then().statusCode(400);
        admin().body(Map.of()).post("/api/jobs/no-such-job").then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/jobs/999999999").then().statusCode(404);
        assertThat(runsOf(site.id)).as("nothing started").isEmpty();

        String store = createStore(site.id);
        pushMany(site, store, 3_000);
        long execution = admin().body(Map.of("siteId", site.id)).post("/api/jobs/initialise-site")
                .then().statusCode(202).extract().jsonPath().getLong("executionId");
        admin().body(Map.of("siteId", site.id)).post("/api/jobs/initialise-site").then().statusCode(409)
                .contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(120)).until(() -> "COMPLETED".equals(job(execution).getString("status")));
        JsonPath done = job(execution);
        assertThat(done.getLong("done")).isEqualTo(done.getLong("total"));
        assertThat(done.getInt("parameters.siteId")).isEqualTo(site.id);
        assertThat(done.getString("jobName")).isEqualTo("initialise-site");
        assertThat(done.getString("endedAt")).isNotNull();
    }

    static JsonPath job(long execution) {
        return admin().get("/api/jobs/" + execution).then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> runsOf(int siteId) {
        List<Map<String, Object>> all = admin().get("/api/jobs").then().statusCode(200).extract().jsonPath().getList("$");
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Map<String, Object> job : all) {
            Object parameters = job.get("parameters");
            if (parameters instanceof Map<?, ?> map && Integer.valueOf(siteId).equals(map.get("siteId"))) {
                runs.add(job);
            }
        }
        return runs;
    }

    /** The site pushes this many locations of its store, in batches as the client does; their ids. */
    static List<String> pushMany(RemoteSite site, String store, int count) {
        List<String> ids = new ArrayList<>();
        int left = count;
        while (left > 0) {
            ArrayNode batch = RemoteSite.JSON.createArrayNode();
            for (int i = 0; i < Math.min(500, left); i++) {
                String id = unique("L");
                ids.add(id);
                batch.add(location(id, store, id).put("syncOutId", id));
            }
            site.pushBatch(left, batch).expect(200);
            left -= batch.size();
        }
        site.pushBatch(0, RemoteSite.JSON.createArrayNode()).expect(200);
        site.awaitIdle();
        return ids;
    }

    private static ObjectNode location(String id, String store, String code) {
        return record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", code));
    }

    private static void keep(Map<String, JsonNode> held, List<JsonNode> received) {
        for (JsonNode record : received) {
            String key = record.path("tableName").asText() + "/" + record.path("recordId").asText();
            if (record.path("action").asText().equalsIgnoreCase("delete")) {
                held.remove(key);
            } else {
                held.put(key, record.path("recordData"));
            }
        }
    }

    private static void keepOwn(Map<String, JsonNode> held, ObjectNode... pushed) {
        for (ObjectNode record : pushed) {
            held.put(record.path("tableName").asText() + "/" + record.path("recordId").asText(), record.path("recordData"));
        }
    }
}
