package org.supplysync.client.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.api.SyncApiException;
import org.supplysync.client.api.SyncV5Api;
import org.supplysync.client.local.Change;
import org.supplysync.client.local.LocalDatabase;
import org.supplysync.client.local.Pulled;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One sync cycle, in Open mSupply's order (msupply-sync-v5.md §2): read the site info; initialise a new site; push
 * the local change log in batches and wait for the central to integrate it; pull the central change log by cursor;
 * pull and acknowledge the site's queue; pull from the Open mSupply central (v6); integrate what was pulled.
 * Whatever fails, the local database holds only whole steps (each stored batch with its cursor), and the next cycle
 * carries on from there.
 */
public final class Synchroniser {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATUS_CODES =
            Set.of("idle", "sync_is_running", "integration_in_progress", "initialisation_in_progress");

    /** Batch sizes and waits; Open mSupply's defaults unless a test needs other ones. */
    public record Settings(int pushBatch, int centralBatch, int queueBatch, Duration integrationPoll,
                           Duration integrationLimit, Duration initialisationPoll, Duration initialisationLimit) {

        public static Settings standard() {
            return new Settings(1024, 500, 500, Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofSeconds(15), Duration.ofMinutes(30));
        }

        public Settings withBatches(int push, int central, int queue) {
            return new Settings(push, central, queue, integrationPoll, integrationLimit, initialisationPoll,
                    initialisationLimit);
        }
    }

    private final LocalDatabase db;
    private final SyncV5Api api;
    private final Settings settings;
    private final SyncListener listener;
    private String step = "start";

    public Synchroniser(LocalDatabase db, SyncV5Api api, Settings settings, SyncListener listener) {
        this.db = db;
        this.api = api;
        this.settings = settings;
        this.listener = listener;
    }

    public SyncReport sync() {
        db.setSetting(SiteSettings.LAST_SYNC_STARTED, Instant.now().toString());
        try {
            SyncReport report = cycle();
            String now = Instant.now().toString();
            db.setSetting(SiteSettings.LAST_SYNC_FINISHED, now);
            db.setSetting(SiteSettings.LAST_SUCCESSFUL_SYNC, now);
            db.removeSetting(SiteSettings.LAST_ERROR);
            return report;
        } catch (SyncApiException e) {
            throw failed(e.readable(), e);
        } catch (SyncFailure e) {
            throw failed(e.getMessage(), e.getCause());
        }
    }

    private SyncFailure failed(String message, Throwable cause) {
        String text = step + ": " + message;
        db.setSetting(SiteSettings.LAST_SYNC_FINISHED, Instant.now().toString());
        db.setSetting(SiteSettings.LAST_ERROR, text);
        db.setSetting(SiteSettings.LAST_ERROR_AT, Instant.now().toString());
        return new SyncFailure(step, message, cause);
    }

    private SyncReport cycle() {
        enter("site info");
        SiteInfo site = siteInfo();

        boolean initialised = db.setting(SiteSettings.INITIALISED).map(Boolean::parseBoolean).orElse(false);
        String initialisation = null;
        if (!initialised) {
            enter("initialise");
            initialisation = initialise(site);
        }

        int pushed = 0;
        List<String> refused = new ArrayList<>();
        if (initialised) {
            enter("push");
            pushed = push(site.siteId(), refused);
            enter("wait for integration");
            awaitIdle(settings.integrationPoll(), settings.integrationLimit(), "IntegrationTimeoutReached: the central "
                    + "server did not finish integrating the push within " + settings.integrationLimit().toSeconds() + " s");
        }

        enter("pull central records");
        int central = pullCentral();
        enter("pull queued records");
        int queued = pullQueue();
        if (site.omsCentral() != null) {
            enter("pull from the Open mSupply central (v6)");
            pullV6(site.omsCentral(), initialised);
        }

        enter("integrate");
        LocalDatabase.Integration integration = db.integrate();
        listener.progress(step, integration.upserts() + integration.deletes(), integration.upserts() + integration.deletes());
        if (!initialised) {
            db.setSetting(SiteSettings.INITIALISED, "true");
        }
        db.setSetting(SiteSettings.LAST_REFUSALS, Integer.toString(refused.size()));
        return new SyncReport(!initialised, initialisation, pushed, refused, central, queued,
                integration.upserts() + integration.deletes(), integration.skipped());
    }

    private void enter(String name) {
        step = name;
        listener.step(name);
    }

    // --- 1. site info --------------------------------------------------------------------------------------

    private record SiteInfo(String uuid, int siteId, String initialisationStatus, URI omsCentral) {
    }

    private SiteInfo siteInfo() {
        JsonNode info = api.site();
        String uuid = requireText(info, "id");
        int siteId = requireInt(info, "siteId");
        String status = requireText(info, "initialisationStatus");
        if (!Set.of("new", "started", "completed", "error").contains(status)) {
            throw protocol("site: initialisationStatus \"" + status + "\" is not new, started, completed or error");
        }
        if (!info.path("isOmSupplyCentralServer").isBoolean()) {
            throw protocol("site: isOmSupplyCentralServer (a boolean) is missing");
        }
        int centralSiteId = requireInt(info, "mSupplyCentralSiteId");
        URI omsCentral = null;
        if (!info.path("isOmSupplyCentralServer").asBoolean()) {
            String url = requireText(info, "omSupplyCentralServerUrl");
            try {
                omsCentral = URI.create(url);
                if (omsCentral.getScheme() == null || omsCentral.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
            } catch (IllegalArgumentException e) {
                throw protocol("site: omSupplyCentralServerUrl \"" + url + "\" is not a URL");
            }
        }
        var known = db.setting(SiteSettings.SITE_UUID);
        if (known.isPresent() && !known.get().equals(uuid)) {
            throw new SyncFailure(step, "SiteUUIDIsBeingChanged: the server says this site is " + uuid
                    + " but this database belongs to site " + known.get() + "; use a new database for another site", null);
        }
        db.setSetting(SiteSettings.SITE_UUID, uuid);
        db.setSetting(SiteSettings.SITE_ID, Integer.toString(siteId));
        db.setSetting(SiteSettings.CENTRAL_SITE_ID, Integer.toString(centralSiteId));
        return new SiteInfo(uuid, siteId, status, omsCentral);
    }

    // --- 2. initialise -------------------------------------------------------------------------------------

    private String initialise(SiteInfo site) {
        if ("started".equals(site.initialisationStatus())) {
            awaitIdle(settings.initialisationPoll(), settings.initialisationLimit(), "the central server did not finish "
                    + "initialising the site within " + settings.initialisationLimit().toMinutes() + " min");
            return "initialisation already started on the server; waited until it finished";
        }
        try {
            JsonNode answer = api.initialise();
            String note = "initialised: the server queued " + answer.path("queueLength").asLong() + " records";
            listener.note(note);
            return note;
        } catch (SyncApiException e) {
            if (e.kind() == SyncApiException.Kind.HTTP && e.status() == 501
                    && "initialisation_not_available".equals(e.code())) {
                String note = "this server cannot initialise a site (501 initialisation_not_available); "
                        + "continuing as initialised";
                listener.note(note);
                db.setSetting(SiteSettings.INITIALISATION_NOTE, note);
                return note;
            }
            if (e.kind() == SyncApiException.Kind.CONNECTION || e.kind() == SyncApiException.Kind.TIMEOUT) {
                listener.note("initialise did not answer (" + e.readable() + "); waiting for the server to finish");
                awaitIdle(settings.initialisationPoll(), settings.initialisationLimit(), "the central server did not "
                        + "finish initialising the site within " + settings.initialisationLimit().toMinutes() + " min");
                return "initialisation requested; the server finished it while the client waited";
            }
            throw e;
        }
    }

    // --- 3. push -------------------------------------------------------------------------------------------

    private int push(int siteId, List<String> refused) {
        long cursor = db.setting(SiteSettings.PUSH_CURSOR).map(Long::parseLong).orElse(0L);
        long total = db.pushable(cursor, siteId);
        int pushed = 0;
        listener.progress(step, 0, total);
        while (true) {
            List<Change> batch = db.pushBatch(cursor, siteId, settings.pushBatch());
            if (batch.isEmpty()) {
                break;
            }
            long remaining = db.pushable(cursor, siteId);
            ObjectNode body = JSON.createObjectNode().put("queueLength", remaining);
            ArrayNode data = body.putArray("data");
            for (Change change : batch) {
                ObjectNode record = data.addObject()
                        .put("syncOutId", Long.toString(change.cursor()))
                        .put("tableName", change.tableName())
                        .put("recordId", change.recordId())
                        .put("action", change.delete() ? "Delete" : "Update");
                record.set("recordData", change.delete() ? JSON.createObjectNode() : change.data());
            }
            JsonNode answer = api.push(body);
            answer.path("refused").forEach(r -> refused.add(r.path("tableName").asText() + " "
                    + r.path("recordId").asText() + ": " + r.path("reason").asText()));
            cursor = batch.get(batch.size() - 1).cursor();
            db.setSetting(SiteSettings.PUSH_CURSOR, Long.toString(cursor));
            listener.pushed(batch);
            pushed += batch.size();
            listener.progress(step, pushed, Math.max(total, pushed));
        }
        ObjectNode last = JSON.createObjectNode().put("queueLength", 0);
        last.putArray("data");
        JsonNode answer = api.push(last);
        answer.path("refused").forEach(r -> refused.add(r.path("tableName").asText() + " "
                + r.path("recordId").asText() + ": " + r.path("reason").asText()));
        if (!answer.path("integrationStarted").asBoolean(false)) {
            throw new SyncFailure(step, "IntegrationNotStarted: the server answered the final push (queueLength 0) "
                    + "without integrationStarted true: " + answer, null);
        }
        if (!refused.isEmpty()) {
            listener.note(refused.size() + " pushed record(s) refused by the server, e.g. " + refused.get(0));
        }
        return pushed;
    }

    private void awaitIdle(Duration every, Duration limit, String timeoutMessage) {
        Instant until = Instant.now().plus(limit);
        while (true) {
            sleep(every);
            JsonNode status = api.siteStatus();
            String code = status.path("code").asText(null);
            if (code == null || !STATUS_CODES.contains(code)) {
                throw protocol("site_status: code \"" + code + "\" is not one of " + STATUS_CODES);
            }
            JsonNode data = status.get("data");
            if (data != null && !data.isNull() && !data.isTextual()) {
                throw protocol("site_status: data must be null or a string, got " + data);
            }
            if ("idle".equals(code)) {
                return;
            }
            if (Instant.now().isAfter(until)) {
                throw new SyncFailure(step, timeoutMessage, null);
            }
        }
    }

    // --- 4. central change log -----------------------------------------------------------------------------

    private int pullCentral() {
        long cursor = db.setting(SiteSettings.CENTRAL_CURSOR).map(Long::parseLong).orElse(0L);
        int pulled = 0;
        while (true) {
            JsonNode page = api.centralRecords(cursor, settings.centralBatch());
            long max = requireLong(page, "maxCursor");
            JsonNode data = page.path("data");
            if (!data.isMissingNode() && !data.isNull() && !data.isArray()) {
                throw protocol("central_records: data is not an array");
            }
            if (data.size() == 0) {
                if (cursor >= max) {
                    db.setSetting(SiteSettings.CENTRAL_MAX_CURSOR, Long.toString(max));
                    return pulled;
                }
                // A gap in the change log: step over it, as Open mSupply does.
                cursor++;
                db.setSetting(SiteSettings.CENTRAL_CURSOR, Long.toString(cursor));
                continue;
            }
            List<Pulled> records = new ArrayList<>(data.size());
            long last = cursor;
            for (JsonNode record : data) {
                JsonNode id = record.get("ID");
                if (id == null || !id.isIntegralNumber()) {
                    throw protocol("central_records: ID must be a number, got " + id);
                }
                if (id.asLong() <= last) {
                    throw protocol("central_records: IDs must be above the cursor and ascending; " + id.asLong()
                            + " came after " + last);
                }
                last = id.asLong();
                records.add(pulled(record));
            }
            if (last > Integer.MAX_VALUE) {
                throw protocol("central_records: cursor " + last + " is beyond what Open mSupply can store (i32)");
            }
            db.buffer(records, SiteSettings.CENTRAL_CURSOR, Long.toString(last));
            cursor = last;
            pulled += records.size();
            listener.progress(step, Math.min(cursor, max), max);
        }
    }

    // --- 5. the site's queue -------------------------------------------------------------------------------

    private int pullQueue() {
        int pulled = 0;
        long total = -1;
        while (true) {
            JsonNode page = api.queuedRecords(settings.queueBatch());
            long queueLength = page.path("queueLength").asLong(0);
            if (total < 0) {
                total = queueLength;
            }
            JsonNode data = page.path("data");
            if (data.size() == 0) {
                db.setSetting(SiteSettings.SERVER_QUEUE_LENGTH, Long.toString(queueLength));
                return pulled;
            }
            List<Pulled> records = new ArrayList<>(data.size());
            List<String> syncIds = new ArrayList<>(data.size());
            for (JsonNode record : data) {
                JsonNode syncOutId = record.get("syncOutId");
                if (syncOutId == null || !syncOutId.isTextual()) {
                    throw protocol("queued_records: syncOutId must be a string, got " + syncOutId);
                }
                syncIds.add(syncOutId.asText());
                records.add(pulled(record));
            }
            // Stored first, acknowledged after: a lost acknowledgement only brings the same records again.
            db.buffer(records, SiteSettings.SERVER_QUEUE_LENGTH, Long.toString(Math.max(0, queueLength - records.size())));
            listener.queuePulled(syncIds, records);
            api.acknowledge(syncIds);
            listener.acknowledged(syncIds);
            pulled += records.size();
            listener.progress(step, pulled, Math.max(total, pulled));
        }
    }

    // --- 6. v6 ---------------------------------------------------------------------------------------------

    private void pullV6(URI omsCentral, boolean initialised) {
        long cursor = db.setting(SiteSettings.V6_CURSOR).map(Long::parseLong).orElse(0L);
        while (true) {
            ObjectNode body = JSON.createObjectNode().put("cursor", cursor).put("batchSize", settings.queueBatch());
            body.set("syncV5Settings", api.v5Settings());
            body.put("isInitialised", initialised).put("syncV6Version", 5);
            JsonNode answer = api.v6(omsCentral, "pull", body);
            if (answer.has("error")) {
                throw protocol("v6 pull: " + answer.get("error"));
            }
            JsonNode data = answer.path("data");
            List<Pulled> records = new ArrayList<>();
            for (JsonNode entry : data.path("records")) {
                records.add(pulled(entry.path("record")));
            }
            long end = data.path("end_cursor").asLong(cursor);
            db.buffer(records, SiteSettings.V6_CURSOR, Long.toString(end));
            if (data.path("is_last_batch").asBoolean(true) || end <= cursor) {
                return;
            }
            cursor = end;
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private Pulled pulled(JsonNode record) {
        String table = record.path("tableName").asText(null);
        String id = record.path("recordId").asText(null);
        String action = record.path("action").asText(null);
        if (table == null || id == null || action == null) {
            throw protocol("a pulled record lacks tableName, recordId or action: " + record);
        }
        JsonNode data = record.get("recordData");
        return new Pulled(table, id, action, data instanceof ObjectNode object ? object : JSON.createObjectNode());
    }

    private SyncFailure protocol(String message) {
        return new SyncFailure(step, "the server's answer does not follow the sync protocol: " + message, null);
    }

    private String requireText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw protocol(field + " (a string) is missing");
        }
        return value.asText();
    }

    private int requireInt(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw protocol(field + " (an integer) is missing");
        }
        return value.asInt();
    }

    private long requireLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw protocol(field + " (a number) is missing");
        }
        return value.asLong();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncFailure("wait", "interrupted", e);
        }
    }
}
