package org.supplysync.transfer.control;

import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.MultiRowInsert;
import org.supplysync.platform.Sql;
import org.supplysync.record.control.IncomingRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transfers the central knows (tables transfer, transfer_line, transfer_receipt of V10), for one intake over plain
 * JDBC in its transaction: read as needed and remembered, changed in memory by staged work (which can be taken back
 * while the intake finds no room for its messages), written at the end ({@link #flush}). The primary key on the
 * initiating record is what makes a second responding half impossible.
 */
public final class TransferLedger {

    private static final int PIECE = 500;

    /** A row the central made a responding half for changes only by an update of its own (status set last). */
    private static final MultiRowInsert TRANSFERS = new MultiRowInsert("""
            insert into transfer (initiating_table, initiating_id, kind, status, initiating_store, initiating_site,
                responding_store, responding_table, responding_id, made_by_site, reason, numbered, created_at, updated_at)
            values""", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, utc_timestamp(3), utc_timestamp(3))",
            " on duplicate key update " + String.join(", ", java.util.stream.Stream.of("kind", "responding_store",
                    "responding_table", "responding_id", "made_by_site", "reason", "numbered", "status")
            .map(column -> column + " = if(status = 'CREATED' and values(status) <> 'CREATED', " + column
                    + ", values(" + column + "))").toList()) + ", updated_at = utc_timestamp(3)");
    private static final MultiRowInsert LINES = new MultiRowInsert("insert ignore into transfer_line"
            + " (initiating_table, initiating_id, responding_table, responding_id) values", "(?, ?, ?, ?)", "");
    private static final MultiRowInsert RECEIPTS = new MultiRowInsert("insert into transfer_receipt"
            + " (goods_received_line_id, order_line_id, units) values", "(?, ?, ?)",
            " on duplicate key update order_line_id = values(order_line_id), units = values(units)");

    private final Connection db;
    private final Map<Key, Optional<Transfer>> byInitiating = new HashMap<>();
    private final Map<Key, List<Transfer>> byResponding = new HashMap<>();
    private final Map<Key, Optional<String>> respondingLines = new HashMap<>();
    private final Map<Key, Transfer> pending = new LinkedHashMap<>();
    private final Map<Key, TransferWork.LineLink> pendingLines = new LinkedHashMap<>();
    private final Map<String, TransferWork.Receipt> pendingReceipts = new LinkedHashMap<>();

    public TransferLedger(Connection db) {
        this.db = db;
    }

    private record Key(String table, String id) {
    }

    /** The transfer this record started, if the central knows one. */
    public Optional<Transfer> initiatedBy(String table, String id) {
        Key key = new Key(table, id);
        Transfer staged = pending.get(key);
        if (staged != null) {
            return Optional.of(staged);
        }
        return byInitiating.computeIfAbsent(key, k -> readOne(
                "select * from transfer where initiating_table = ? and initiating_id = ?", table, id));
    }

    /** The transfers this record is the responding half of (a customer invoice of an order may also start one). */
    public List<Transfer> answeredBy(String table, String id) {
        Key key = new Key(table, id);
        List<Transfer> known = byResponding.computeIfAbsent(key, k -> read(
                "select * from transfer where responding_table = ? and responding_id = ?", table, id));
        List<Transfer> answered = new ArrayList<>();
        for (Transfer transfer : known) {
            if (!pending.containsKey(new Key(transfer.initiatingTable(), transfer.initiatingId()))) {
                answered.add(transfer);
            }
        }
        for (Transfer transfer : pending.values()) {
            if (table.equals(transfer.respondingTable()) && id.equals(transfer.respondingId())) {
                answered.add(transfer);
            }
        }
        return answered;
    }

    /** The other store of a transfer that joins both stores' sites, for a record of {@code storeId} in it. */
    public Optional<String> partner(String table, String id, String storeId) {
        Optional<Transfer> started = initiatedBy(table, id).filter(Transfer::joinsStores);
        if (started.isPresent()) {
            return Optional.of(started.get().respondingStore());
        }
        return answeredBy(table, id).stream().filter(Transfer::joinsStores).findFirst()
                .map(transfer -> transfer.otherStore(storeId));
    }

    /** The responding line the central made for this initiating line, if it made one. */
    public Optional<String> respondingLine(String table, String id) {
        TransferWork.LineLink staged = pendingLines.get(new Key(table, id));
        if (staged != null) {
            return Optional.of(staged.respondingId());
        }
        return respondingLines.computeIfAbsent(new Key(table, id), k -> query(
                "select responding_id from transfer_line where initiating_table = ? and initiating_id = ?",
                table, id).stream().findFirst());
    }

    /**
     * Reads what the ledger says of these records (and of the parents of the lines among them) with one query per
     * table, role and piece of {@value #PIECE}: the intake then asks per record without a query each.
     */
    public void prefetch(List<IncomingRecord> records, Map<String, DataType> registry) {
        Map<String, Set<String>> parents = new HashMap<>();
        Map<String, Set<String>> lines = new HashMap<>();
        for (IncomingRecord record : records) {
            DataType type = record.tableName() == null ? null : registry.get(record.tableName());
            if (type == null || record.recordId() == null || !TransferKind.involves(type.tableName())) {
                continue;
            }
            if (type.isLine()) {
                lines.computeIfAbsent(type.tableName(), t -> new HashSet<>()).add(record.recordId());
                String parentId = TransferRules.text(record.recordData(), type.parentField());
                if (parentId != null) {
                    parents.computeIfAbsent(type.parentTable(), t -> new HashSet<>()).add(parentId);
                }
            } else {
                parents.computeIfAbsent(type.tableName(), t -> new HashSet<>()).add(record.recordId());
            }
        }
        try {
            for (Map.Entry<String, Set<String>> table : parents.entrySet()) {
                List<String> ids = table.getValue().stream().filter(id -> !byInitiating.containsKey(new Key(table.getKey(), id)))
                        .toList();
                Sql.inPieces(ids, PIECE, piece -> {
                    piece.forEach(id -> byInitiating.putIfAbsent(new Key(table.getKey(), id), Optional.empty()));
                    piece.forEach(id -> byResponding.putIfAbsent(new Key(table.getKey(), id), new ArrayList<>()));
                    for (Transfer t : read("select * from transfer where initiating_table = ? and initiating_id in ("
                            + Sql.placeholders(piece.size()) + ")", prepend(table.getKey(), piece))) {
                        byInitiating.put(new Key(t.initiatingTable(), t.initiatingId()), Optional.of(t));
                    }
                    for (Transfer t : read("select * from transfer where responding_table = ? and responding_id in ("
                            + Sql.placeholders(piece.size()) + ")", prepend(table.getKey(), piece))) {
                        byResponding.get(new Key(t.respondingTable(), t.respondingId())).add(t);
                    }
                });
            }
            for (Map.Entry<String, Set<String>> table : lines.entrySet()) {
                List<String> ids = List.copyOf(table.getValue());
                Sql.inPieces(ids, PIECE, piece -> {
                    piece.forEach(id -> respondingLines.putIfAbsent(new Key(table.getKey(), id), Optional.empty()));
                    try (PreparedStatement select = db.prepareStatement("select initiating_id, responding_id from"
                            + " transfer_line where initiating_table = ? and initiating_id in ("
                            + Sql.placeholders(piece.size()) + ")")) {
                        Sql.bind(select, 1, prepend(table.getKey(), piece));
                        try (ResultSet row = select.executeQuery()) {
                            while (row.next()) {
                                respondingLines.put(new Key(table.getKey(), row.getString(1)),
                                        Optional.of(row.getString(2)));
                            }
                        }
                    }
                });
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the transfer ledger", e);
        }
    }

    private static Object[] prepend(String first, List<String> rest) {
        Object[] values = new Object[rest.size() + 1];
        values[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            values[i + 1] = rest.get(i);
        }
        return values;
    }

    /** The ids of the lines of a parent the central copy holds (deleted ones too: the caller asks the copy). */
    public List<String> childIds(String lineTable, String parentId) {
        return query("select record_id from sync_record where parent_id = ? and table_name = ? order by record_id",
                parentId, lineTable);
    }

    /** Units received against a purchase order line: the ledger's receipts, staged ones and these others over them. */
    public double receivedUnits(String orderLineId, Map<String, TransferWork.Receipt> others) {
        Map<String, Double> units = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement(
                "select goods_received_line_id, units from transfer_receipt where order_line_id = ?")) {
            select.setString(1, orderLineId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    units.put(row.getString(1), row.getDouble(2));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the receipts of purchase order line " + orderLineId, e);
        }
        for (Map<String, TransferWork.Receipt> layer : List.of(pendingReceipts, others)) {
            layer.values().forEach(receipt -> {
                if (receipt.orderLineId().equals(orderLineId)) {
                    units.put(receipt.goodsReceivedLineId(), receipt.units());
                } else {
                    units.remove(receipt.goodsReceivedLineId());
                }
            });
        }
        return units.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Takes the work's changes into account from now on; {@link #unstage} takes them back. */
    public Staged stage(TransferWork work) {
        Staged staged = new Staged();
        for (Transfer transfer : work.transfers()) {
            Key key = new Key(transfer.initiatingTable(), transfer.initiatingId());
            staged.transfers.putIfAbsent(key, Optional.ofNullable(pending.get(key)));
            pending.put(key, transfer);
        }
        for (TransferWork.LineLink line : work.lines()) {
            Key key = new Key(line.initiatingTable(), line.initiatingId());
            staged.lines.putIfAbsent(key, Optional.ofNullable(pendingLines.get(key)));
            pendingLines.put(key, line);
        }
        for (TransferWork.Receipt receipt : work.receipts().values()) {
            staged.receipts.putIfAbsent(receipt.goodsReceivedLineId(),
                    Optional.ofNullable(pendingReceipts.get(receipt.goodsReceivedLineId())));
            pendingReceipts.put(receipt.goodsReceivedLineId(), receipt);
        }
        return staged;
    }

    public void unstage(Staged staged) {
        staged.transfers.forEach((key, before) -> restore(pending, key, before));
        staged.lines.forEach((key, before) -> restore(pendingLines, key, before));
        staged.receipts.forEach((key, before) -> restore(pendingReceipts, key, before));
    }

    private static <K, V> void restore(Map<K, V> map, K key, Optional<V> before) {
        if (before.isPresent()) {
            map.put(key, before.get());
        } else {
            map.remove(key);
        }
    }

    /** What a staging changed, to take it back. */
    public static final class Staged {
        private final Map<Key, Optional<Transfer>> transfers = new LinkedHashMap<>();
        private final Map<Key, Optional<TransferWork.LineLink>> lines = new LinkedHashMap<>();
        private final Map<String, Optional<TransferWork.Receipt>> receipts = new LinkedHashMap<>();
    }

    /**
     * Writes every staged change, in a few multi-row statements per table. A transfer the central made a responding
     * half for stays as it is against anything but its own update (an intake of another site that saw it unmade a
     * moment before).
     */
    public void flush() {
        try {
            TRANSFERS.write(db, pending.values().stream().map(t -> new Object[]{t.initiatingTable(), t.initiatingId(),
                    t.kind().name(), t.status().name(), t.initiatingStore(), t.initiatingSite(), t.respondingStore(),
                    t.respondingTable(), t.respondingId(), t.madeBySite(), t.reason(), t.numbered()}).toList());
            LINES.write(db, pendingLines.values().stream().map(line -> new Object[]{line.initiatingTable(),
                    line.initiatingId(), line.respondingTable(), line.respondingId()}).toList());
            RECEIPTS.write(db, pendingReceipts.values().stream().map(receipt -> new Object[]{
                    receipt.goodsReceivedLineId(), receipt.orderLineId(), receipt.units()}).toList());
        } catch (SQLException e) {
            throw Sql.failure("writing the transfer ledger", e);
        }
        pending.forEach((key, transfer) -> byInitiating.put(key, Optional.of(transfer)));
        pendingLines.forEach((key, line) -> respondingLines.put(key, Optional.of(line.respondingId())));
        byResponding.clear();
        pending.clear();
        pendingLines.clear();
        pendingReceipts.clear();
    }

    private Optional<Transfer> readOne(String sql, Object... parameters) {
        return read(sql, parameters).stream().findFirst();
    }

    private List<Transfer> read(String sql, Object... parameters) {
        List<Transfer> found = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(sql)) {
            Sql.bind(select, 1, parameters);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    int madeBy = row.getInt("made_by_site");
                    Integer madeBySite = row.wasNull() ? null : madeBy;
                    found.add(new Transfer(row.getString("initiating_table"), row.getString("initiating_id"),
                            TransferKind.valueOf(row.getString("kind")), Transfer.Status.valueOf(row.getString("status")),
                            row.getString("initiating_store"), row.getInt("initiating_site"),
                            row.getString("responding_store"), row.getString("responding_table"),
                            row.getString("responding_id"), madeBySite, row.getString("reason"),
                            row.getBoolean("numbered")));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the transfer ledger", e);
        }
        return found;
    }

    private List<String> query(String sql, Object... parameters) {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement(sql)) {
            Sql.bind(select, 1, parameters);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    values.add(row.getString(1));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the transfer ledger", e);
        }
        return values;
    }
}
