package org.supplysync.client.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The site's local database, one SQLite file per site. Records are kept generically by (table, id) as the mSupply
 * row; every change leaves one row in the change log (the latest change of a record replaces its earlier rows, as
 * Open mSupply's de-duplicated change log does), flagged when it came from sync so that it is never pushed back.
 * Pulled records wait in a sync buffer until they are integrated. Every method is one transaction, so a failure leaves
 * the file as it was before the call.
 */
public final class LocalDatabase implements AutoCloseable {

    public static final String HARDWARE_ID = "hardware_id";

    static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final Path file;

    private LocalDatabase(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    public static LocalDatabase open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS record (
                            table_name TEXT NOT NULL,
                            record_id  TEXT NOT NULL,
                            data       TEXT NOT NULL,
                            deleted    INTEGER NOT NULL DEFAULT 0,
                            PRIMARY KEY (table_name, record_id))""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS change_log (
                            cursor         INTEGER PRIMARY KEY AUTOINCREMENT,
                            table_name     TEXT NOT NULL,
                            record_id      TEXT NOT NULL,
                            action         TEXT NOT NULL,
                            store_id       TEXT,
                            is_sync_update INTEGER NOT NULL)""");
                s.execute("CREATE UNIQUE INDEX IF NOT EXISTS ix_change_log_record ON change_log (table_name, record_id)");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS sync_buffer (
                            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                            table_name TEXT NOT NULL,
                            record_id  TEXT NOT NULL,
                            action     TEXT NOT NULL,
                            data       TEXT NOT NULL)""");
                s.execute("CREATE UNIQUE INDEX IF NOT EXISTS ix_sync_buffer_record ON sync_buffer (table_name, record_id)");
                s.execute("CREATE TABLE IF NOT EXISTS setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
            connection.setAutoCommit(false);
            LocalDatabase db = new LocalDatabase(connection, file);
            db.hardwareId();
            return db;
        } catch (SQLException | java.io.IOException e) {
            throw new LocalDatabaseException("cannot open the site database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    // --- settings ------------------------------------------------------------------------------------------

    public synchronized Optional<String> setting(String key) {
        return transaction(() -> settingIn(key));
    }

    public synchronized void setSetting(String key, String value) {
        transaction(() -> {
            setSettingIn(key, value);
            return null;
        });
    }

    public synchronized void removeSetting(String key) {
        transaction(() -> {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM setting WHERE key = ?")) {
                s.setString(1, key);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The device id this site sends as {@code msupply-site-uuid}: made once, kept for the life of the file. */
    public synchronized String hardwareId() {
        return transaction(() -> {
            Optional<String> id = settingIn(HARDWARE_ID);
            if (id.isPresent()) {
                return id.get();
            }
            String made = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
            setSettingIn(HARDWARE_ID, made);
            return made;
        });
    }

    private Optional<String> settingIn(String key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM setting WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void setSettingIn(String key, String value) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    // --- records and local edits ---------------------------------------------------------------------------

    /** A local edit: upserts the record and logs the change for the next push. */
    public synchronized void put(String tableName, String recordId, ObjectNode data) {
        requireText(tableName, "table name");
        requireText(recordId, "record id");
        transaction(() -> {
            upsert(tableName, recordId, data);
            log(tableName, recordId, "Update", storeOf(tableName, data), false);
            return null;
        });
    }

    /** Many local edits of one table in one transaction (a site that writes thousands at once, as a campaign's do). */
    public synchronized void putAll(String tableName, Map<String, ObjectNode> records) {
        requireText(tableName, "table name");
        transaction(() -> {
            for (Map.Entry<String, ObjectNode> record : records.entrySet()) {
                requireText(record.getKey(), "record id");
                upsert(tableName, record.getKey(), record.getValue());
                log(tableName, record.getKey(), "Update", storeOf(tableName, record.getValue()), false);
            }
            return null;
        });
    }

    /** A local delete: keeps a tombstone and logs the change; false when the site holds no such record. */
    public synchronized boolean delete(String tableName, String recordId) {
        return transaction(() -> {
            Optional<LocalRecord> known = find(tableName, recordId);
            if (known.isEmpty() || known.get().deleted()) {
                return false;
            }
            markDeleted(tableName, recordId);
            log(tableName, recordId, "Delete", storeOf(tableName, known.get().data()), false);
            return true;
        });
    }

    public synchronized Optional<LocalRecord> get(String tableName, String recordId) {
        return transaction(() -> find(tableName, recordId));
    }

    /** Every record the site holds that is not deleted. */
    public synchronized List<LocalRecord> liveRecords() {
        return transaction(() -> {
            List<LocalRecord> records = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT table_name, record_id, data FROM record WHERE deleted = 0 ORDER BY table_name, record_id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(new LocalRecord(rs.getString(1), rs.getString(2), parse(rs.getString(3)), false));
                }
            }
            return records;
        });
    }

    /** The stores active on this site: {@code store} records whose {@code sync_id_remote_site} is the site id. */
    public synchronized Set<String> activeStores(int siteId) {
        return transaction(() -> activeStoresIn(siteId));
    }

    private Set<String> activeStoresIn(int siteId) throws SQLException {
        Set<String> stores = new HashSet<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT record_id, data FROM record WHERE table_name = 'store' AND deleted = 0");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                JsonNode site = parse(rs.getString(2)).get("sync_id_remote_site");
                if (site != null && site.asText().trim().equals(Integer.toString(siteId))) {
                    stores.add(rs.getString(1));
                }
            }
        }
        return stores;
    }

    // --- push ----------------------------------------------------------------------------------------------

    /** How many changes after the cursor the next push would send (local edits of active stores or of no store). */
    public synchronized long pushable(long afterCursor, int siteId) {
        return transaction(() -> {
            Set<String> active = activeStoresIn(siteId);
            long n = 0;
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT store_id FROM change_log WHERE cursor > ? AND is_sync_update = 0")) {
                s.setLong(1, afterCursor);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String store = rs.getString(1);
                        if (store == null || active.contains(store)) {
                            n++;
                        }
                    }
                }
            }
            return n;
        });
    }

    /**
     * The next changes to push, in cursor order: never a change that came from sync, and only those of the site's
     * active stores or of no store (Open mSupply's push filter).
     */
    public synchronized List<Change> pushBatch(long afterCursor, int siteId, int limit) {
        return transaction(() -> {
            Set<String> active = activeStoresIn(siteId);
            List<Change> batch = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("""
                    SELECT c.cursor, c.table_name, c.record_id, c.action, c.store_id, r.data, r.deleted
                    FROM change_log c LEFT JOIN record r ON r.table_name = c.table_name AND r.record_id = c.record_id
                    WHERE c.cursor > ? AND c.is_sync_update = 0 ORDER BY c.cursor""")) {
                s.setLong(1, afterCursor);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next() && batch.size() < limit) {
                        String store = rs.getString(5);
                        if (store != null && !active.contains(store)) {
                            continue;
                        }
                        boolean delete = "Delete".equals(rs.getString(4)) || rs.getInt(7) != 0 || rs.getString(6) == null;
                        batch.add(new Change(rs.getLong(1), rs.getString(2), rs.getString(3), delete, store,
                                delete ? null : parse(rs.getString(6))));
                    }
                }
            }
            return batch;
        });
    }

    public synchronized long lastChangeCursor() {
        return transaction(() -> {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(max(cursor), 0) FROM change_log")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    // --- pull ----------------------------------------------------------------------------------------------

    /**
     * Keeps pulled records in the sync buffer and, in the same transaction, the settings that say how far the pull
     * got (the central cursor): a batch is stored with its cursor or not at all.
     */
    public synchronized void buffer(List<Pulled> records, String settingKey, String settingValue) {
        transaction(() -> {
            try (PreparedStatement s = connection.prepareStatement("""
                    INSERT INTO sync_buffer (table_name, record_id, action, data) VALUES (?, ?, ?, ?)
                    ON CONFLICT (table_name, record_id) DO UPDATE SET action = excluded.action, data = excluded.data,
                    seq = (SELECT coalesce(max(seq), 0) + 1 FROM sync_buffer)""")) {
                for (Pulled record : records) {
                    s.setString(1, record.tableName());
                    s.setString(2, record.recordId());
                    s.setString(3, record.action());
                    s.setString(4, record.data() == null ? "{}" : record.data().toString());
                    s.executeUpdate();
                }
            }
            if (settingKey != null) {
                setSettingIn(settingKey, settingValue);
            }
            return null;
        });
    }

    public synchronized long buffered() {
        return transaction(() -> {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM sync_buffer")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Integrates the sync buffer in the order records arrived, in one transaction: insert and update upsert by
     * record id (any case), delete keeps a tombstone, merge deletes the merged-away record. Each change is logged as
     * a sync update, so it is never pushed back. Records with an unknown action are left out and counted.
     */
    public synchronized Integration integrate() {
        return transaction(() -> {
            int upserts = 0;
            int deletes = 0;
            List<String> skipped = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT table_name, record_id, action, data FROM sync_buffer ORDER BY seq");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String id = rs.getString(2);
                    String action = rs.getString(3).toLowerCase(Locale.ROOT);
                    ObjectNode data = parse(rs.getString(4));
                    switch (action) {
                        case "insert", "update" -> {
                            upsert(table, id, data);
                            log(table, id, "Update", storeOf(table, data), true);
                            upserts++;
                        }
                        case "delete" -> {
                            deleteFromSync(table, id);
                            deletes++;
                        }
                        case "merge" -> {
                            String gone = Ownership.text(data, "mergeIdToDelete");
                            if (gone != null) {
                                deleteFromSync(table, gone);
                            }
                            deletes++;
                        }
                        default -> skipped.add(table + " " + id + ": unknown action " + action);
                    }
                }
            }
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("DELETE FROM sync_buffer");
            }
            return new Integration(upserts, deletes, skipped);
        });
    }

    /** What one integration did. */
    public record Integration(int upserts, int deletes, List<String> skipped) {
    }

    private void deleteFromSync(String table, String id) throws SQLException {
        Optional<LocalRecord> known = find(table, id);
        if (known.isPresent()) {
            markDeleted(table, id);
            log(table, id, "Delete", storeOf(table, known.get().data()), true);
        }
    }

    // --- internals -----------------------------------------------------------------------------------------

    private Optional<LocalRecord> find(String table, String id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT data, deleted FROM record WHERE table_name = ? AND record_id = ?")) {
            s.setString(1, table);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new LocalRecord(table, id, parse(rs.getString(1)), rs.getInt(2) != 0))
                        : Optional.empty();
            }
        }
    }

    private void upsert(String table, String id, ObjectNode data) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                INSERT INTO record (table_name, record_id, data, deleted) VALUES (?, ?, ?, 0)
                ON CONFLICT (table_name, record_id) DO UPDATE SET data = excluded.data, deleted = 0""")) {
            s.setString(1, table);
            s.setString(2, id);
            s.setString(3, data == null ? "{}" : data.toString());
            s.executeUpdate();
        }
    }

    private void markDeleted(String table, String id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "UPDATE record SET deleted = 1 WHERE table_name = ? AND record_id = ?")) {
            s.setString(1, table);
            s.setString(2, id);
            s.executeUpdate();
        }
    }

    /** One change log row per record: its latest change, with a new cursor. */
    private void log(String table, String id, String action, String storeId, boolean fromSync) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "DELETE FROM change_log WHERE table_name = ? AND record_id = ?")) {
            s.setString(1, table);
            s.setString(2, id);
            s.executeUpdate();
        }
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO change_log (table_name, record_id, action, store_id, is_sync_update) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, table);
            s.setString(2, id);
            s.setString(3, action);
            s.setString(4, storeId);
            s.setInt(5, fromSync ? 1 : 0);
            s.executeUpdate();
        }
    }

    private String storeOf(String table, JsonNode data) throws SQLException {
        String[] parent = Ownership.PARENTS.get(table);
        if (parent != null) {
            String parentId = Ownership.text(data, parent[1]);
            if (parentId == null) {
                return null;
            }
            return find(parent[0], parentId).map(p -> Ownership.text(p.data(), Ownership.storeField(parent[0])))
                    .orElse(null);
        }
        return Ownership.text(data, Ownership.storeField(table));
    }

    private static ObjectNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new LocalDatabaseException("a stored record is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is missing");
        }
    }

    /** Work inside one SQLite transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new LocalDatabaseException("the site database failed: " + e.getMessage(), e);
        }
    }

    /** Counts for the status command. */
    public synchronized long count(String sql) {
        return transaction(() -> {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    public synchronized long liveRecordCount() {
        return count("SELECT count(*) FROM record WHERE deleted = 0");
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new LocalDatabaseException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    static Collection<String> tablesWithParents() {
        return Ownership.PARENTS.keySet();
    }
}
