package org.supplysync.report.control;

import jakarta.json.JsonObject;
import org.supplysync.platform.BatchInsert;
import org.supplysync.platform.MultiRowInsert;
import org.supplysync.platform.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps the reporting projection (V14) equal to the central copy, in the transaction that writes the copy: each
 * changed stock line, transaction and invoice line is projected again from its last version (or its row deleted when
 * it no longer counts, is deleted, or is held only as whose it is), with a few statements per projection table and
 * kind of change. Rows are whole records, never running totals, so a line changed, moved to another transaction or
 * deleted, and a transaction finalised after its lines arrived, leave the reports exact without reading anything.
 */
public final class ReportingProjection {

    private static final String STOCK_LINE_COLUMNS = "insert into report_stock_line (line_id, store_id, item_id,"
            + " location_id, available_packs, pack_size, cost_price) values";
    private static final BatchInsert STOCK_LINE_FIRST = new BatchInsert(STOCK_LINE_COLUMNS + " (?, ?, ?, ?, ?, ?, ?)");
    private static final MultiRowInsert STOCK_LINE_ROWS = new MultiRowInsert(STOCK_LINE_COLUMNS, "(?, ?, ?, ?, ?, ?, ?)", """
             on duplicate key update store_id = values(store_id), item_id = values(item_id),
                location_id = values(location_id), available_packs = values(available_packs),
                pack_size = values(pack_size), cost_price = values(cost_price)""");
    private static final String ISSUE_COLUMNS = "insert into report_issue (transact_id, store_id, month, sign) values";
    private static final BatchInsert ISSUE_FIRST = new BatchInsert(ISSUE_COLUMNS + " (?, ?, ?, ?)");
    private static final MultiRowInsert ISSUE_ROWS = new MultiRowInsert(ISSUE_COLUMNS, "(?, ?, ?, ?)",
            " on duplicate key update store_id = values(store_id), month = values(month), sign = values(sign)");
    private static final String ISSUE_LINE_COLUMNS = "insert into report_issue_line (line_id, transact_id, item_id, units)"
            + " values";
    private static final BatchInsert ISSUE_LINE_FIRST = new BatchInsert(ISSUE_LINE_COLUMNS + " (?, ?, ?, ?)");
    private static final MultiRowInsert ISSUE_LINE_ROWS = new MultiRowInsert(ISSUE_LINE_COLUMNS, "(?, ?, ?, ?)", """
             on duplicate key update transact_id = values(transact_id), item_id = values(item_id),
                units = values(units)""");

    private final Connection db;
    private final Map<String, Pending<ReportRows.StockLine>> stockLines = new LinkedHashMap<>();
    private final Map<String, Pending<ReportRows.Issue>> issues = new LinkedHashMap<>();
    private final Map<String, Pending<ReportRows.IssueLine>> issueLines = new LinkedHashMap<>();

    /** A record's row to write (empty: to delete), and whether it is its first (no row to replace). */
    private record Pending<T>(Optional<T> row, boolean firstVersion) {
    }

    public ReportingProjection(Connection db) {
        this.db = db;
    }

    public static boolean projects(String tableName) {
        return ReportRows.STOCK_LINES.equals(tableName) || ReportRows.TRANSACTIONS.equals(tableName)
                || ReportRows.TRANSACTION_LINES.equals(tableName);
    }

    /**
     * The record's new state in the central copy: {@code data} gives its last version, or null when the central
     * holds none of it (deleted, or kept only as whose it is). {@code firstVersion}: the central held no copy of it
     * before, so it has no projection row either. Read only for a table this projects.
     */
    public void changed(String tableName, String recordId, String storeId, boolean firstVersion,
                        Supplier<JsonObject> data) {
        switch (tableName) {
            case ReportRows.STOCK_LINES -> keep(stockLines, recordId, firstVersion, Optional.ofNullable(data.get())
                    .flatMap(row -> ReportRows.stockLine(recordId, storeId, row)));
            case ReportRows.TRANSACTIONS -> keep(issues, recordId, firstVersion, Optional.ofNullable(data.get())
                    .flatMap(row -> ReportRows.issue(recordId, storeId, row)));
            case ReportRows.TRANSACTION_LINES -> keep(issueLines, recordId, firstVersion,
                    Optional.ofNullable(data.get()).flatMap(row -> ReportRows.issueLine(recordId, row)));
            default -> {
                // not projected
            }
        }
    }

    /**
     * A row to write, or a row to delete unless the record is new: deleting a key that has no row locks the gap where
     * it would be, and integrations inserting into each other's gaps deadlock (the bench's transfers did, with many
     * responding halves that never count as issues, once integration had become faster).
     */
    private static <T> void keep(Map<String, Pending<T>> rows, String recordId, boolean firstVersion,
                                 Optional<T> row) {
        if (row.isPresent() || !firstVersion) {
            rows.put(recordId, new Pending<>(row, firstVersion));
        }
    }

    /** Writes what changed since the last flush. */
    public void flush() throws SQLException {
        write("report_stock_line", "line_id", stockLines, STOCK_LINE_ROWS, STOCK_LINE_FIRST,
                line -> new Object[]{line.lineId(), line.storeId(), line.itemId(), line.locationId(),
                        line.availablePacks(), line.packSize(), line.costPrice()});
        write("report_issue", "transact_id", issues, ISSUE_ROWS, ISSUE_FIRST,
                issue -> new Object[]{issue.transactId(), issue.storeId(), issue.month(), issue.sign()});
        write("report_issue_line", "line_id", issueLines, ISSUE_LINE_ROWS, ISSUE_LINE_FIRST,
                line -> new Object[]{line.lineId(), line.transactId(), line.itemId(), line.units()});
    }

    /**
     * Deletes the rows that no longer count, then writes the others: a record's first row in one bulk insert, a row
     * that replaces one in multi-row upserts.
     */
    private <T> void write(String table, String key, Map<String, Pending<T>> rows, MultiRowInsert upsert,
                           BatchInsert insert, Function<T, Object[]> columns) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Object> gone = new ArrayList<>();
        List<Object[]> first = new ArrayList<>();
        List<Object[]> replacing = new ArrayList<>();
        rows.forEach((id, pending) -> {
            if (pending.row().isEmpty()) {
                gone.add(id);
            } else {
                (pending.firstVersion() ? first : replacing).add(columns.apply(pending.row().get()));
            }
        });
        Sql.deleteIn(db, table, key, gone);
        insert.write(db, first);
        upsert.write(db, replacing);
        rows.clear();
    }
}
