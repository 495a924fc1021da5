package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.CentralChangeLogIT.editOnCentral;

/**
 * The central feed under load and in its worst cases: one stamper, readers that only read, pages that do not scan
 * what the site does not get, and a {@code maxCursor} that ends the client's loop.
 */
class CentralFeedIT extends DeployedApplication {

    @Test
    void readersRacingWritersGetEveryChangeOnceInCursorOrderAndNoneThatCommittedLate() throws Exception {
        List<RemoteSite> readers = List.of(RemoteSite.register("desktop"), RemoteSite.register("desktop"),
                RemoteSite.register("mobile"));
        readers.forEach(RemoteSite::pullCentral);
        String prefix = unique("RACE") + "-";
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<JsonNode>>> reads = new ArrayList<>();
            for (RemoteSite reader : readers) {
                reads.add(pool.submit(() -> {
                    List<JsonNode> received = new ArrayList<>();
                    while (writing.get()) {
                        received.addAll(reader.pullCentral());
                        Thread.sleep(20);
                    }
                    return received;
                }));
            }
            List<Future<?>> writes = new ArrayList<>();
            for (int writer = 0; writer < 2; writer++) {
                int w = writer;
                writes.add(pool.submit((Callable<Void>) () -> {
                    for (int call = 0; call < 10; call++) {
                        List<Map<String, Object>> data = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            String id = prefix + w + "-" + call + "-" + i;
                            data.add(Map.of("tableName", "item", "recordId", id, "action", "Update",
                                    "recordData", Map.of("ID", id, "item_name", "race " + id)));
                            written.add(id);
                        }
                        admin().body(Map.of("data", data)).post("/api/records").then().statusCode(200);
                    }
                    return null;
                }));
            }
            // A writer outside the application, committing each change after others committed around it.
            writes.add(pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < 10; i++) {
                    String id = prefix + "raw-" + i;
                    try (Connection connection = Database.application().getConnection()) {
                        connection.setAutoCommit(false);
                        insert(connection, id, 1, false);
                        Thread.sleep(50);
                        connection.commit();
                    }
                    written.add(id);
                }
                return null;
            }));
            for (Future<?> write : writes) {
                write.get();
            }
            writing.set(false);
            List<List<JsonNode>> received = new ArrayList<>();
            for (Future<List<JsonNode>> read : reads) {
                received.add(read.get());
            }
            awaitStamped();
            for (int r = 0; r < readers.size(); r++) {
                received.get(r).addAll(readers.get(r).pullCentral());
                List<JsonNode> mine = received.get(r).stream()
                        .filter(change -> change.path("recordId").asText().startsWith(prefix)).toList();
                assertThat(mine.stream().map(change -> change.path("recordId").asText()))
                        .as("reader %d gets each change once", r).containsExactlyInAnyOrderElementsOf(written);
                List<Long> ids = received.get(r).stream().map(change -> change.path("ID").asLong()).toList();
                assertThat(ids).as("reader %d reads in cursor order", r).isSorted().doesNotHaveDuplicates();
            }
        } finally {
            pool.shutdownNow();
            deleteFromLog(prefix);
        }
    }

    @Test
    void aSiteWhoseOwnChangesFillTheLogReadsPastThemAndItsLoopEnds() throws Exception {
        RemoteSite site = RemoteSite.register("desktop");
        site.pullCentral();
        String prefix = unique("OWN") + "-";
        String item = unique("ITEM");
        try {
            // Its own changes, then one it gets, then dispensary-only data it does not get (it has no dispensary):
            // each run is longer than what a page of 100 examines (400 entries), so the page must jump over it.
            fill(prefix + "own-", 1000, site.id, false);
            editOnCentral(item, "the one change for this site");
            fill(prefix + "dispensary-", 1000, 1, true);
            awaitStamped();

            long cursor = site.centralCursor();
            List<String> received = new ArrayList<>();
            int requests = 0;
            while (true) {
                JsonNode page = site.centralPage(cursor, 100);
                requests++;
                JsonNode data = page.path("data");
                if (data.isEmpty()) {
                    assertThat(page.path("maxCursor").asLong()).as("maxCursor ends the loop on an empty page")
                            .isLessThanOrEqualTo(cursor);
                    break;
                }
                data.forEach(change -> received.add(change.path("recordId").asText()));
                cursor = data.get(data.size() - 1).path("ID").asLong();
                assertThat(requests).as("pages asked for").isLessThan(10);
            }
            assertThat(received).containsExactly(item);
            // The one page with the change, then the empty page that ends the loop: no step over each own change.
            assertThat(requests).isEqualTo(2);
            site.centralPage(cursor, 100);
            assertThat(admin().get("/api/sites/" + site.id).then().statusCode(200).extract().jsonPath()
                    .getLong("centralCursorLag")).isZero();
        } finally {
            deleteFromLog(prefix);
        }
    }

    @Test
    void aStoreCreatedThroughTheAdminApiIsReadableAsSoonAsTheCallReturns() {
        RemoteSite reader = RemoteSite.register("desktop");
        RemoteSite active = RemoteSite.register("desktop");
        reader.pullCentral();
        String store = unique("STORE");

        admin().body(Map.of("id", store, "code", store, "name", "Store " + store, "nameId", "N_" + store,
                "activeSiteId", active.id, "dispensary", false, "includeTransactions", true))
                .post("/api/stores").then().statusCode(201);

        assertThat(reader.pullCentral().stream().map(change -> change.path("tableName").asText() + "/"
                + change.path("recordId").asText())).contains("name/N_" + store);
    }

    private static void insert(Connection connection, String id, int origin, boolean dispensaryOnly) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into central_change (table_name, record_id, is_merge, cursor_id, action, data, origin_site_id,
                    dispensary_only) values ('item', ?, false, null, 'update', ?, ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, "{\"ID\":\"" + id + "\"}");
            insert.setInt(3, origin);
            insert.setBoolean(4, dispensaryOnly);
            insert.executeUpdate();
        }
    }

    /** Changes written straight into the log, left for the stamper as any writer leaves them. */
    private static void fill(String prefix, int count, int origin, boolean dispensaryOnly) throws SQLException {
        try (Connection connection = Database.application().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into central_change (table_name, record_id, is_merge, cursor_id, action, data, origin_site_id,
                        dispensary_only)
                    select 'item', concat('%1$s', seq), false, null, 'update', concat('{"ID":"%1$s', seq, '"}'), %2$d, %3$s
                    from seq_1_to_%4$d""".formatted(prefix, origin, dispensaryOnly, count));
        }
    }

    /** Waits until the stamper has stamped every committed change (the safety net stamps raw writers' rows). */
    private static void awaitStamped() {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection connection = Database.application().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*) from central_change where cursor_id is null")) {
                rows.next();
                return rows.getLong(1) == 0;
            }
        });
    }

    private static void deleteFromLog(String prefix) throws SQLException {
        try (Connection connection = Database.application().getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from central_change where record_id like ?")) {
            delete.setString(1, prefix + "%");
            delete.executeUpdate();
        }
    }
}
