package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.RemoteSite.record;

/**
 * A site's next pull arrives while its acknowledgement of the last page is still being written (a slow disk, a
 * retried request): the pull must not hand out what that acknowledgement deletes. The test makes the acknowledgement
 * slow by holding its rows locked in the database, then sends the pull, then lets the acknowledgement finish.
 */
class AcknowledgementRaceIT extends DeployedApplication {

    @Test
    void aPullSentWhileAnAcknowledgementIsBeingWrittenDoesNotHandOutWhatItAcknowledges() throws Exception {
        RemoteSite active = RemoteSite.register("desktop");
        RemoteSite collector = RemoteSite.register("desktop");
        String store = createStore(active.id);
        Api.collectOn(store, collector.id);
        collector.drainQueue();
        List<ObjectNode> locations = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = unique("L");
            locations.add(record("Location", id, "Update", Map.of("ID", id, "store_ID", store, "code", id)));
        }
        active.push(locations.toArray(ObjectNode[]::new));
        List<String> page = new ArrayList<>();
        collector.pull(20).path("data").forEach(r -> page.add(r.path("syncOutId").asText()));
        assertThat(page).hasSize(20);

        JsonNode next;
        try (Connection slowDisk = Database.application().getConnection()) {
            slowDisk.setAutoCommit(false);
            try (Statement lock = slowDisk.createStatement()) {
                lock.executeQuery("select batch_id from outbound_batch where site_id = " + collector.id
                        + " for update").close();
            }
            CompletableFuture<Void> acknowledgement = CompletableFuture.runAsync(() -> collector.acknowledge(page));
            Thread.sleep(1500); // the acknowledgement is at the server, waiting for the rows it deletes
            CompletableFuture<JsonNode> pull = CompletableFuture.supplyAsync(() -> collector.pull(20));
            Thread.sleep(1500); // the pull is at the server too
            slowDisk.rollback();
            acknowledgement.get();
            next = pull.get();
        }

        List<String> handedOut = new ArrayList<>();
        next.path("data").forEach(r -> handedOut.add(r.path("syncOutId").asText()));
        assertThat(handedOut).as("the pull sent after the acknowledgement").hasSize(20).doesNotContainAnyElementsOf(page);
    }
}
