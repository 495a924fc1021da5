package org.supplysync.client.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.api.SyncV5Api;
import org.supplysync.client.local.Change;
import org.supplysync.client.local.LocalRecord;
import org.supplysync.client.local.Pulled;
import org.supplysync.client.simulate.SiteRecords;
import org.supplysync.client.sync.RemoteSite;
import org.supplysync.client.sync.SiteSettings;
import org.supplysync.client.sync.SyncListener;
import org.supplysync.client.sync.Synchroniser;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One remote site of the campaign: the reference client's database and sync cycle, with its own log of calls and of
 * what its queue handed it, and gates that hold its sync at one point (after some push batches, before the queue
 * pull, before an acknowledgement) while the server is killed. Its records are locations of its one store, each
 * written once.
 */
final class ChaosSite implements AutoCloseable {

    static final String TABLE = "Location";
    static final String PUSH = "/sync/v5/queued_records";

    private final int id;
    private final String storeId;
    private final String prefix;
    private final RemoteSite site;
    private final SyncV5Api api;
    private final SyncV5Api probe;
    private final Synchroniser.Settings settings;
    private final CallLog calls = new CallLog();
    private final Deliveries deliveries;
    private final Holds holds = new Holds();
    private int written;
    private final List<Long> successes = new CopyOnWriteArrayList<>();

    ChaosSite(int id, String name, String password, String storeId, URI server, Path file, int pushBatch,
              int queueBatch, boolean reinitialised) {
        this.id = id;
        this.storeId = storeId;
        this.prefix = storeId + "_L";
        this.site = RemoteSite.open(file).configure(server, name, password);
        SyncV5Api.Options options = SyncV5Api.Options.standard().withReadTimeout(Duration.ofSeconds(90));
        String hash = SyncV5Api.sha256Hex(password);
        this.api = new SyncV5Api(server, name, hash, site.db().hardwareId(), options,
                SyncV5Api.Connections.of(options), calls);
        this.probe = new SyncV5Api(server, name, hash, site.db().hardwareId(), options);
        // Integration and initialisation waits long enough for a server that is catching up after a restart.
        this.settings = new Synchroniser.Settings(pushBatch, 500, queueBatch, Duration.ofMillis(500),
                Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofMinutes(10));
        this.deliveries = new Deliveries(reinitialised);
    }

    int id() {
        return id;
    }

    String storeId() {
        return storeId;
    }

    CallLog calls() {
        return calls;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    /** Writes {@code count} new locations in the site's store, for the next push. */
    void write(int count, String when) {
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String recordId = prefix + (++written);
            records.put(recordId, SiteRecords.location(recordId, storeId, "C" + written, when + " #" + written, written % 50));
        }
        site.db().putAll(TABLE, records);
    }

    /** One sync cycle; the failure, if it failed (after a kill, most do until the server is back). */
    Optional<RuntimeException> sync() {
        try {
            new Synchroniser(site.db(), api, settings, holds).sync();
            successes.add(System.nanoTime());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }

    /** When its first successful sync after the moment ended ({@link System#nanoTime()}). */
    OptionalLong firstSuccessAfter(long nanos) {
        return successes.stream().mapToLong(Long::longValue).filter(ended -> ended > nanos).min();
    }

    /** The site's {@code site_status} code, asked outside its sync (and outside its call log). */
    String status() {
        return probe.siteStatus().path("code").asText();
    }

    /** The records of pushes the server answered 200: the client moves its push cursor past a batch only then. */
    Map<String, String> pushedAnswered200() {
        long cursor = site.db().setting(SiteSettings.PUSH_CURSOR).map(Long::parseLong).orElse(0L);
        Map<String, String> pushed = new HashMap<>();
        for (Change change : site.db().pushBatch(0, id, Integer.MAX_VALUE)) {
            if (change.cursor() <= cursor && TABLE.equals(change.tableName())) {
                pushed.put(change.recordId(), storeId);
            }
        }
        return pushed;
    }

    /** The campaign's records the site holds: record id → the store that wrote it. */
    Map<String, String> holdings() {
        Map<String, String> held = new HashMap<>();
        for (LocalRecord record : site.db().liveRecords()) {
            if (TABLE.equals(record.tableName())) {
                held.put(record.recordId(), record.data().path("store_ID").asText());
            }
        }
        return held;
    }

    /** Holds the next sync once {@code batches} push batches of it were answered 200, before it sends the next. */
    Gate holdAfterPushBatches(int batches) {
        Gate gate = new Gate();
        holds.afterBatches = batches;
        holds.push = gate;
        return gate;
    }

    /** Holds the next sync just before its first pull of the queue. */
    Gate holdBeforeQueuePull() {
        Gate gate = new Gate();
        holds.pull = gate;
        return gate;
    }

    /** Holds the next sync with a page of its queue stored and not acknowledged. */
    Gate holdBeforeAcknowledgement() {
        Gate gate = new Gate();
        holds.acknowledgement = gate;
        return gate;
    }

    @Override
    public void close() {
        site.close();
    }

    /** The sync cycle's listener: logs what the queue handed out and was acknowledged, and holds at the gates. */
    private final class Holds implements SyncListener {
        volatile Gate push;
        volatile int afterBatches;
        volatile Gate pull;
        volatile Gate acknowledgement;
        private int batches;

        @Override
        public void step(String step) {
            if ("push".equals(step)) {
                batches = 0;
            } else if ("pull queued records".equals(step)) {
                Gate gate = pull;
                pull = null;
                pass(gate);
            }
        }

        @Override
        public void pushed(List<Change> batch) {
            batches++;
            if (push != null && batches == afterBatches) {
                Gate gate = push;
                push = null;
                pass(gate);
            }
        }

        @Override
        public void queuePulled(List<String> syncOutIds, List<Pulled> records) {
            deliveries.handedOut(syncOutIds, records);
            Gate gate = acknowledgement;
            acknowledgement = null;
            pass(gate);
        }

        @Override
        public void acknowledged(List<String> syncOutIds) {
            deliveries.acknowledged(syncOutIds);
        }

        private void pass(Gate gate) {
            if (gate != null) {
                gate.pass();
            }
        }
    }
}
