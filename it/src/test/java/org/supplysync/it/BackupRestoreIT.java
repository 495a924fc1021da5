package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.adminOf;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * {@code ./supplysync backup} of the shared server while sites sync with it, more work, then
 * {@code ./supplysync restore} into a fresh data directory (a second server on ports of its own): the sites sync with
 * the restored central and end up holding what they should, as the README's "Backup and restore" says.
 */
class BackupRestoreIT extends DeployedApplication {

    private static final Path FIGURES = Path.of(System.getProperty("supplysync.it.dataDir")).resolveSibling("backup-restore-figures.txt");

    @Test
    void aCentralRestoredIntoAFreshDataDirectoryConvergesWithTheSitesAgain() throws Exception {
        RemoteSite active = RemoteSite.register("desktop");
        RemoteSite collector = RemoteSite.register("desktop");
        String store = createStore(active.id);
        Api.collectOn(store, collector.id);
        collector.drainQueue();
        collector.pullCentral();

        String acknowledgedBefore = unique("L");
        String queuedBefore = unique("L");
        String pushedAfter = unique("L");
        active.push(location(acknowledgedBefore, store));
        assertThat(recordIds(collector.drainQueue())).containsExactly(acknowledgedBefore);
        active.push(location(queuedBefore, store));

        ServerScript central = ServerScript.theItServer();
        Path archive = Path.of(System.getProperty("supplysync.it.dataDir") + "-backups", "central.tar.gz");
        Files.deleteIfExists(archive);
        ServerScript.Run backup = central.run("backup", archive.toString());
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        assertThat(backup.output()).contains("backup written: " + archive);
        long downtime = figure(backup.output(), "was down for (\\d+) ms");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> admin().get("/api/sites/1").statusCode() == 200);

        // After the backup: a site pushes, the other acknowledges it all, the central's own data changes.
        active.push(location(pushedAfter, store));
        assertThat(recordIds(collector.drainQueue())).containsExactly(queuedBefore, pushedAfter);
        String itemAfter = editItemOn(Api.BASE_URI);
        assertThat(recordIds(collector.pullCentral())).contains(itemAfter);

        ServerScript restored = ServerScript.ofItsOwn(
                Path.of(System.getProperty("supplysync.it.dataDir") + "-restored"),
                "supplysync.it.restoreHttpPort", "supplysync.it.restoreDbPort");
        deleteRecursively(restored.dataDir);
        try {
            long restoreStarted = System.nanoTime();
            ServerScript.Run restore = restored.run("restore", archive.toString());
            long restoreMillis = (System.nanoTime() - restoreStarted) / 1_000_000;
            assertThat(restore.exitCode()).as(restore.output()).isZero();
            long startStarted = System.nanoTime();
            ServerScript.Run start = restored.run("start");
            long startMillis = (System.nanoTime() - startStarted) / 1_000_000;
            assertThat(start.exitCode()).as(start.output()).isZero();
            Files.writeString(FIGURES, String.format("archive %d bytes, Payara down %d ms, restore %d ms, "
                    + "first start of the restored central (deploy included) %d ms%n",
                    Files.size(archive), downtime, restoreMillis, startMillis));

            RemoteSite activeThere = active.syncingWith(restored.baseUri());
            RemoteSite collectorThere = collector.syncingWith(restored.baseUri());
            // What the collector had in its queue at the backup comes again (it acknowledged it after the backup);
            // what it acknowledged before the backup does not; what was pushed after the backup is not there.
            assertThat(recordIds(collectorThere.drainQueue())).containsExactly(queuedBefore);
            adminOf(restored.baseUri()).get("/api/records/Location/" + acknowledgedBefore).then().statusCode(200);
            adminOf(restored.baseUri()).get("/api/records/Location/" + queuedBefore).then().statusCode(200);
            adminOf(restored.baseUri()).get("/api/records/Location/" + pushedAfter).then().statusCode(404);

            // The site that pushed after the backup pushes it again; new work flows as before.
            String pushedAfterRestore = unique("L");
            activeThere.push(location(pushedAfter, store), location(pushedAfterRestore, store));
            assertThat(recordIds(collectorThere.drainQueue())).containsExactly(pushedAfter, pushedAfterRestore);
            adminOf(restored.baseUri()).get("/api/records/Location/" + pushedAfter).then().statusCode(200);
            assertThat(recordIds(activeThere.drainQueue())).as("a site never gets its own records back")
                    .doesNotContain(acknowledgedBefore, queuedBefore, pushedAfter, pushedAfterRestore);

            // The collector read the central change log past the backup: the restored central's next change still
            // reaches it, above its cursor.
            String itemAfterRestore = editItemOn(restored.baseUri());
            assertThat(recordIds(collectorThere.pullCentral())).contains(itemAfterRestore);
        } finally {
            ServerScript.Run stop = restored.run("stop");
            assertThat(stop.exitCode()).as(stop.output()).isZero();
        }
        deleteRecursively(restored.dataDir);
    }

    private static String editItemOn(String baseUri) {
        String item = unique("ITEM");
        adminOf(baseUri).body(Map.of("data", List.of(Map.of("tableName", "item", "recordId", item, "action", "Update",
                        "recordData", Map.of("ID", item, "item_name", "edited on the central")))))
                .post("/api/records").then().statusCode(200).body("accepted", org.hamcrest.Matchers.equalTo(1));
        return item;
    }

    private static List<String> recordIds(List<JsonNode> records) {
        return records.stream().map(r -> r.path("recordId").asText()).toList();
    }

    private static long figure(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static ObjectNode location(String id, String store) {
        return record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", id));
    }
}
