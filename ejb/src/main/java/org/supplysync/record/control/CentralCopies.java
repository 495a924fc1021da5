package org.supplysync.record.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.patient.control.PatientIndex;
import org.supplysync.platform.BatchInsert;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.Jsons;
import org.supplysync.platform.MultiRowInsert;
import org.supplysync.platform.Sql;
import org.supplysync.report.control.ReportingProjection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The central copy of the records of one intake, over plain JDBC in the caller's transaction: read with one query
 * per table and piece of a batch, changed in memory (so a parent written earlier in the batch is seen by its lines),
 * and written in multi-row statements at the end ({@link #flush}). A record's text is read only where it is needed (a
 * delete or merge routes by the last version; a line by its parent's transfer party, read with the chunk's other
 * parents). The reporting projection of the records written follows in the same flush.
 */
public final class CentralCopies {

    private static final int PIECE = 500;
    private static final Copy ABSENT = new Copy(null, null, 0, false, false, null);
    private static final String COLUMNS = """
            insert into sync_record
                (table_name, record_id, store_id, patient_id, origin_site_id, deleted, held, data, version, updated_at)
            values""";
    private static final String VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, 1, utc_timestamp(3))";
    /** First versions: the central held no copy of them when this intake read it (most of a backlog). */
    private static final BatchInsert INSERT = new BatchInsert(COLUMNS + " " + VALUES);
    private static final MultiRowInsert UPSERT = new MultiRowInsert(COLUMNS, VALUES, """
             on duplicate key update store_id = values(store_id), patient_id = values(patient_id),
                origin_site_id = values(origin_site_id), deleted = values(deleted), held = values(held),
                data = values(data), version = version + 1, updated_at = values(updated_at)""");

    private final Connection db;
    private final ReportingProjection projection;
    private final Map<Key, Copy> copies = new HashMap<>();
    private final Map<Key, Copy> changed = new LinkedHashMap<>();
    /** Changed records the central had no copy of before this intake (until they are flushed). */
    private final Set<Key> firstVersions = new HashSet<>();
    /** Changed records of projected tables written without being read first (a transfer's responding half). */
    private final Set<Key> unread = new HashSet<>();

    public CentralCopies(Connection db) {
        this.db = db;
        this.projection = new ReportingProjection(db);
    }

    private record Key(String tableName, String recordId) {
    }

    /** What the central holds of a record; {@code data} null until read. A deleted record is a tombstone. */
    public static final class Copy {
        private final String storeId;
        private final String patientId;
        private final int originSiteId;
        private final boolean deleted;
        private final boolean held;
        private String data;
        /** {@code data} parsed, when the intake had it parsed already (the reporting projection reads it). */
        private JsonObject parsed;

        Copy(String storeId, String patientId, int originSiteId, boolean deleted, boolean held, String data) {
            this.storeId = storeId;
            this.patientId = patientId;
            this.originSiteId = originSiteId;
            this.deleted = deleted;
            this.held = held;
            this.data = data;
        }

        public String storeId() {
            return storeId;
        }

        public String patientId() {
            return patientId;
        }

        public int originSiteId() {
            return originSiteId;
        }

        public boolean deleted() {
            return deleted;
        }
    }

    /** The connection this copy is read and written over (the caller's transaction). */
    public Connection connection() {
        return db;
    }

    /** Reads what the central holds of these records: one query per table and piece of {@value PIECE}. */
    public void prefetch(List<IncomingRecord> records) {
        Map<String, List<String>> idsByTable = records.stream()
                .filter(r -> r.tableName() != null && r.recordId() != null)
                .filter(r -> !copies.containsKey(new Key(r.tableName(), r.recordId())))
                .collect(Collectors.groupingBy(IncomingRecord::tableName,
                        Collectors.mapping(IncomingRecord::recordId, Collectors.toList())));
        try {
            for (Map.Entry<String, List<String>> table : idsByTable.entrySet()) {
                List<String> ids = table.getValue().stream().distinct().toList();
                Sql.inPieces(ids, PIECE, piece -> read(table.getKey(), piece, false));
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the central copy", e);
        }
    }

    /**
     * Reads, with their text, the parents the central holds of the lines among these records: one query per parent
     * table and piece of {@value PIECE}. A line's owner and routing look at its parent, and an invoice's lines come
     * after it, often in a later chunk, so reading each parent on its own cost a query or two per invoice.
     */
    public void prefetchParents(List<IncomingRecord> records, Map<String, DataType> registry) {
        Map<String, Set<String>> idsByTable = new HashMap<>();
        for (IncomingRecord record : records) {
            DataType type = registry.get(record.tableName());
            if (type == null || !type.isLine() || type.parentTable() == null || type.parentField() == null
                    || record.recordData() == null
                    || !(record.recordData().get(type.parentField()) instanceof JsonString parentId)) {
                continue;
            }
            Copy known = copies.get(new Key(type.parentTable(), parentId.getString()));
            if (known == null || known != ABSENT && known.data == null) {
                idsByTable.computeIfAbsent(type.parentTable(), table -> new LinkedHashSet<>())
                        .add(parentId.getString());
            }
        }
        try {
            for (Map.Entry<String, Set<String>> table : idsByTable.entrySet()) {
                Sql.inPieces(new ArrayList<>(table.getValue()), PIECE, piece -> read(table.getKey(), piece, true));
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the central copy of parents", e);
        }
    }

    /** The central's copy of the record, a tombstone included; empty when it never had it. */
    public Optional<Copy> find(String tableName, String recordId) {
        Key key = new Key(tableName, recordId);
        if (!copies.containsKey(key)) {
            try {
                read(tableName, List.of(recordId), false);
            } catch (SQLException e) {
                throw Sql.failure("reading the central copy of " + tableName + " " + recordId, e);
            }
        }
        Copy copy = copies.get(key);
        return copy == ABSENT ? Optional.empty() : Optional.of(copy);
    }

    /** The record's last version as JSON text, if the central has the record. */
    public Optional<String> data(String tableName, String recordId) {
        Optional<Copy> copy = find(tableName, recordId);
        if (copy.isEmpty()) {
            return Optional.empty();
        }
        if (copy.get().data == null) {
            try {
                read(tableName, List.of(recordId), true);
            } catch (SQLException e) {
                throw Sql.failure("reading the central copy of " + tableName + " " + recordId, e);
            }
        }
        return Optional.of(copy.get().data == null ? "{}" : copy.get().data);
    }

    /** A new version of the record; {@code held} false keeps only whose it is. */
    public void write(String tableName, String recordId, String data, String storeId, String patientId,
                      int originSiteId, boolean held) {
        write(tableName, recordId, data, null, storeId, patientId, originSiteId, held);
    }

    /** As {@link #write(String, String, String, String, String, int, boolean)}, with {@code data} parsed already. */
    public void write(String tableName, String recordId, String data, JsonObject parsed, String storeId,
                      String patientId, int originSiteId, boolean held) {
        Copy copy = new Copy(storeId, patientId, originSiteId, false, held, data);
        copy.parsed = parsed;
        put(new Key(tableName, recordId), copy);
    }

    /** Marks the record deleted (a tombstone, keeping its last version), if the central has it. */
    public void delete(String tableName, String recordId, int originSiteId) {
        Optional<Copy> copy = find(tableName, recordId);
        if (copy.isPresent()) {
            String last = data(tableName, recordId).orElse("{}");
            put(new Key(tableName, recordId), new Copy(copy.get().storeId, copy.get().patientId, originSiteId, true,
                    copy.get().held, last));
        }
    }

    private void put(Key key, Copy copy) {
        if (!changed.containsKey(key)) {
            // Whether the central held the record before: a first version has no projection row to delete.
            if (copies.get(key) == ABSENT) {
                firstVersions.add(key);
            } else if (!copies.containsKey(key) && ReportingProjection.projects(key.tableName())) {
                unread.add(key);
            }
        }
        copies.put(key, copy);
        changed.remove(key);
        changed.put(key, copy);
    }

    /**
     * Writes every change of this intake, in the order of their last change, in multi-row statements, with what a
     * patient search looks at and what the reports count.
     */
    public void flush() {
        if (changed.isEmpty()) {
            return;
        }
        try {
            findFirstVersions();
            List<Object[]> inserts = new ArrayList<>(firstVersions.size());
            List<Object[]> upserts = new ArrayList<>(changed.size() - firstVersions.size());
            List<PatientIndex.Change> searched = new ArrayList<>();
            for (Map.Entry<Key, Copy> change : changed.entrySet()) {
                Key key = change.getKey();
                Copy copy = change.getValue();
                (firstVersions.contains(key) ? inserts : upserts).add(new Object[]{key.tableName(), key.recordId(),
                        copy.storeId, copy.patientId, copy.originSiteId, copy.deleted, copy.held, copy.data});
                if (PatientIndex.covers(key.tableName())) {
                    searched.add(new PatientIndex.Change(key.tableName(), key.recordId(),
                            copy.deleted || !copy.held ? null : copy.data, copy.patientId != null));
                }
                if (ReportingProjection.projects(key.tableName())) {
                    projection.changed(key.tableName(), key.recordId(), copy.storeId, firstVersions.contains(key),
                            () -> !copy.held || copy.deleted ? null
                                    : copy.parsed != null ? copy.parsed : Jsons.parse(copy.data));
                }
            }
            insertFirstVersions(inserts);
            UPSERT.write(db, upserts);
            PatientIndex.write(db, searched);
            projection.flush();
            changed.clear();
            firstVersions.clear();
            unread.clear();
        } catch (SQLException e) {
            throw Sql.failure("writing the central copy", e);
        }
    }

    /**
     * Should another transaction have made one of these records meanwhile, the insert fails rather than overwrite a
     * record whose owner this intake did not see: a 409 for an administrator's batch (sent again, it meets the
     * record's owner), and for a site's integration a chunk that goes again record by record.
     */
    private void insertFirstVersions(List<Object[]> inserts) throws SQLException {
        try {
            INSERT.write(db, inserts);
        } catch (SQLException e) {
            if (Sql.isDuplicateKey(e)) {
                throw new ConflictException("a record of this batch was made by another sync while this one ran ("
                        + e.getMessage() + "); nothing of the batch was kept: send it again");
            }
            throw e;
        }
    }

    /** Which of the {@link #unread} records the central held no copy of before (one query per table and piece). */
    private void findFirstVersions() throws SQLException {
        Map<String, List<String>> idsByTable = unread.stream().collect(Collectors.groupingBy(Key::tableName,
                Collectors.mapping(Key::recordId, Collectors.toList())));
        for (Map.Entry<String, List<String>> table : idsByTable.entrySet()) {
            Sql.inPieces(table.getValue(), PIECE, piece -> {
                Set<String> held = new HashSet<>();
                try (PreparedStatement select = db.prepareStatement("select record_id from sync_record"
                        + " where table_name = ? and record_id in (" + Sql.placeholders(piece.size()) + ")")) {
                    select.setString(1, table.getKey());
                    Sql.bind(select, 2, piece.toArray());
                    try (ResultSet row = select.executeQuery()) {
                        while (row.next()) {
                            held.add(row.getString(1));
                        }
                    }
                }
                piece.stream().filter(id -> !held.contains(id))
                        .forEach(id -> firstVersions.add(new Key(table.getKey(), id)));
            });
        }
    }

    /** Reads these records of the table, {@code withData} their text too (kept for a copy known without it). */
    private void read(String tableName, List<String> ids, boolean withData) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "select record_id, store_id, patient_id, origin_site_id, deleted, held" + (withData ? ", data" : "")
                        + " from sync_record where table_name = ? and record_id in (" + Sql.placeholders(ids.size())
                        + ")")) {
            select.setString(1, tableName);
            Sql.bind(select, 2, ids.toArray());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Key key = new Key(tableName, row.getString(1));
                    String data = withData ? row.getString(7) : null;
                    Copy known = copies.get(key);
                    if (known == null) {
                        copies.put(key, new Copy(row.getString(2), row.getString(3), row.getInt(4),
                                row.getBoolean(5), row.getBoolean(6), data));
                    } else if (known != ABSENT && known.data == null) {
                        known.data = data;
                    }
                }
            }
            for (String id : ids) {
                copies.putIfAbsent(new Key(tableName, id), ABSENT);
            }
        }
    }
}
