package org.supplysync.report.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Sql;
import org.supplysync.site.entity.Site;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The reports across stores, read from the reporting projection (V14) with one aggregate query each, plus the
 * stores they cover and the names of the items they show. A report covers the stores whose data the central holds:
 * active on the central, or a collector copy there; never a store whose central copy is a transfer copy (it holds only
 * the transfers it takes part in) nor a dispensary with "include transactions in sync" off (it sends nothing).
 */
@Stateless
public class Reports {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final int NAMES_PER_SELECT = 500;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    /** Units on hand per store, item and location, of one item or (itemId null) of every item. */
    public StockOnHand stockOnHand(String itemId) {
        try (Connection db = dataSource.getConnection()) {
            Map<String, StoreCoverage> covered = coverage(db);
            List<StockOnHand.Row> rows = new ArrayList<>();
            // One item: a range of the item index; every item: the whole index, in its order (no sort).
            try (PreparedStatement select = db.prepareStatement("select store_id, item_id, location_id,"
                    + " sum(available_packs * pack_size) from report_stock_line"
                    + (itemId == null ? "" : " where item_id = ?")
                    + " group by item_id, store_id, location_id having sum(available_packs * pack_size) <> 0")) {
                if (itemId != null) {
                    select.setString(1, itemId);
                }
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        StoreCoverage store = covered.get(row.getString(1));
                        if (store != null) {
                            String location = row.getString(3);
                            rows.add(new StockOnHand.Row(store.storeId(), store.storeName(), row.getString(2), null,
                                    location.isEmpty() ? null : location, row.getDouble(4)));
                        }
                    }
                }
            }
            Map<String, String> names = itemNames(db, rows.stream().map(StockOnHand.Row::itemId).distinct().toList());
            List<StockOnHand.Row> named = rows.stream().map(row -> row.named(names.get(row.itemId())))
                    .sorted(Comparator.comparing(StockOnHand.Row::storeName).thenComparing(StockOnHand.Row::storeId)
                            .thenComparing(row -> row.itemName() == null ? row.itemId() : row.itemName())
                            .thenComparing(StockOnHand.Row::itemId)
                            .thenComparing(row -> row.locationId() == null ? "" : row.locationId()))
                    .toList();
            return new StockOnHand(List.copyOf(covered.values()), named);
        } catch (SQLException e) {
            throw Sql.failure("reading stock on hand", e);
        }
    }

    /** Value of stock on hand per store, and in all of them. */
    public StockValue stockValue() {
        try (Connection db = dataSource.getConnection()) {
            Map<String, StoreCoverage> covered = coverage(db);
            List<StockValue.Row> rows = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("""
                    select store_id, sum(available_packs * cost_price) from report_stock_line group by store_id""");
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    StoreCoverage store = covered.get(row.getString(1));
                    if (store != null) {
                        rows.add(new StockValue.Row(store.storeId(), store.storeName(), row.getDouble(2)));
                    }
                }
            }
            rows.sort(Comparator.comparing(StockValue.Row::storeName).thenComparing(StockValue.Row::storeId));
            return new StockValue(List.copyOf(covered.values()), rows.stream().mapToDouble(StockValue.Row::value).sum(),
                    rows);
        } catch (SQLException e) {
            throw Sql.failure("reading the value of stock on hand", e);
        }
    }

    /**
     * Units of the item issued per store and calendar month, {@code from} and {@code to} ("YYYY-MM", both included,
     * either may be null: no bound).
     */
    public MonthlyUsage monthlyUsage(String itemId, String from, String to) {
        if (itemId == null || itemId.isBlank()) {
            throw new InvalidRequestException("item is required: the id of the item whose usage to report");
        }
        for (String month : new String[]{from, to}) {
            if (month != null && !MONTH.matcher(month).matches()) {
                throw new InvalidRequestException("from and to are months, YYYY-MM; got \"" + month + "\"");
            }
        }
        try (Connection db = dataSource.getConnection()) {
            Map<String, StoreCoverage> covered = coverage(db);
            List<MonthlyUsage.Row> rows = new ArrayList<>();
            try (PreparedStatement select = db.prepareStatement("select i.store_id, i.month, sum(l.units * i.sign)"
                    + " from report_issue_line l join report_issue i on i.transact_id = l.transact_id"
                    + " where l.item_id = ? and i.month >= ? and i.month <= ? group by i.store_id, i.month")) {
                // "0000-00" and "9999-99" stand for no bound: every month is between them.
                Sql.bind(select, 1, itemId, from == null ? "0000-00" : from, to == null ? "9999-99" : to);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        StoreCoverage store = covered.get(row.getString(1));
                        if (store != null) {
                            rows.add(new MonthlyUsage.Row(store.storeId(), store.storeName(), row.getString(2),
                                    row.getDouble(3)));
                        }
                    }
                }
            }
            rows.sort(Comparator.comparing(MonthlyUsage.Row::storeName).thenComparing(MonthlyUsage.Row::storeId)
                    .thenComparing(MonthlyUsage.Row::month));
            return new MonthlyUsage(List.copyOf(covered.values()), rows);
        } catch (SQLException e) {
            throw Sql.failure("reading monthly usage", e);
        }
    }

    /**
     * The stores a report covers, by id, in the order of their names, each with the last contact of the site where it
     * is active (none for a store active on the central: its data is the central's own).
     */
    private static Map<String, StoreCoverage> coverage(Connection db) throws SQLException {
        Map<String, StoreCoverage> covered = new LinkedHashMap<>();
        try (PreparedStatement select = db.prepareStatement("""
                select s.id, s.name, s.active_site_id, a.last_contact from store s
                join site_activity a on a.site_id = s.active_site_id
                left join store_sync_with w on w.store_id = s.id and w.site_id = ?
                where (s.active_site_id = ? or w.type = 'ACTIVE_COLLECTOR') and (not s.dispensary or s.include_transactions)
                order by s.name, s.id""")) {
            Sql.bind(select, 1, Site.CENTRAL, Site.CENTRAL);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    boolean central = row.getInt(3) == Site.CENTRAL;
                    covered.put(row.getString(1), new StoreCoverage(row.getString(1), row.getString(2),
                            central ? null : Sql.utcText(row.getObject(4, LocalDateTime.class))));
                }
            }
        }
        return covered;
    }

    /** The {@code item_name} of each item the central holds, by id. */
    private static Map<String, String> itemNames(Connection db, List<String> itemIds) throws SQLException {
        Map<String, String> names = new HashMap<>();
        Sql.inPieces(itemIds, NAMES_PER_SELECT, piece -> {
            try (PreparedStatement select = db.prepareStatement("select record_id, json_value(data, '$.item_name')"
                    + " from sync_record where table_name = 'item' and held and not deleted and record_id in ("
                    + Sql.placeholders(piece.size()) + ")")) {
                Sql.bind(select, 1, piece.toArray());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        if (row.getString(2) != null) {
                            names.put(row.getString(1), row.getString(2));
                        }
                    }
                }
            }
        });
        return names;
    }
}
