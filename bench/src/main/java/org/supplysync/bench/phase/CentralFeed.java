package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.workload.Topology;
import org.supplysync.client.admin.AdminApi;
import org.supplysync.client.api.SyncV5Api;
import org.supplysync.client.simulate.CentralRecords;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Central data to many sites (§1.9): the primary (site 1, through {@code POST /api/records}) makes items until the
 * central change log holds {@code logSize} records; many sites read it by cursor from 0 to the end, at once; then the
 * cost of one page near the end of the log, at that size and again once the log has been filled to {@code logMax}
 * records. The filler rows are written straight into {@code central_change} over JDBC, stamped with cursors above the
 * last one and the {@code central_sequence} row moved on in the same transaction (the sequencer's own lock), because
 * a million items through the admin API would take longer than the rest of the run.
 */
public final class CentralFeed {

    private static final int EDITS_PER_REQUEST = 1000;
    private static final int FILL_PER_TRANSACTION = 5000;

    private final AdminApi admin;
    private final List<SyncV5Api> readers;
    private final Topology topology;
    private final Database database;
    private final int threads;
    private final int limit;
    private final int pageReads;

    public CentralFeed(AdminApi admin, List<SyncV5Api> readers, Topology topology, Database database, int threads,
                       int limit, int pageReads) {
        this.admin = admin;
        this.readers = readers;
        this.topology = topology;
        this.database = database;
        this.threads = threads;
        this.limit = limit;
        this.pageReads = pageReads;
    }

    /** The database the filler rows go into, and where the log's size is read. */
    public record Database(String url, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "useBulkStmts=true", user, password);
        }
    }

    public Result run(int logSize, int logMax, long idleTimeoutNanos) {
        long before = logSize();
        long made = Math.max(0, logSize - before);
        long editStart = System.nanoTime();
        makeThroughAdmin(made);
        awaitStamped(idleTimeoutNanos);
        long editNanos = System.nanoTime() - editStart;
        long size = logSize();

        // On a fresh database from 0; after earlier runs (the log only grows), the last logSize cursors, so that a
        // rerun reads as much as the first run did.
        long from = Math.max(0, readers.get(0).centralRecords(0, 1).path("maxCursor").asLong() - logSize);
        AtomicLong served = new AtomicLong();
        long readStart = System.nanoTime();
        Parallel.forEach(threads, readers.size(), reader -> served.addAndGet(readToEnd(readers.get(reader), from)));
        long readNanos = System.nanoTime() - readStart;

        List<PageCost> costs = new ArrayList<>();
        costs.add(pageCost(size, false));
        if (logMax > size) {
            fill(logMax - size);
            costs.add(pageCost(logSize(), true));
        }
        return new Result(made, editNanos, size, from, readers.size(), served.get(), readNanos, costs);
    }

    private void makeThroughAdmin(long count) {
        int requests = (int) ((count + EDITS_PER_REQUEST - 1) / EDITS_PER_REQUEST);
        Parallel.forEach(threads, requests, request -> {
            List<ObjectNode> edits = new ArrayList<>();
            for (long n = (long) request * EDITS_PER_REQUEST; n < Math.min(count, (long) (request + 1) * EDITS_PER_REQUEST); n++) {
                String id = topology.prefix() + "-CI" + n;
                edits.add(AdminApi.update("item", id, CentralRecords.item(id, "Central item " + n, topology.unitId(), 1)));
            }
            admin.recordsAllAccepted(edits);
        });
    }

    private long readToEnd(SyncV5Api site, long from) {
        long cursor = from;
        long received = 0;
        while (true) {
            JsonNode records = site.centralRecords(cursor, limit).path("data");
            if (records.isEmpty()) {
                return received;
            }
            received += records.size();
            cursor = records.get(records.size() - 1).path("ID").asLong();
        }
    }

    /** {@code pageReads} reads of a full page starting two pages before the end of the log, one after the other. */
    private PageCost pageCost(long size, boolean filled) {
        SyncV5Api site = readers.get(0);
        long maxCursor = site.centralRecords(0, 1).path("maxCursor").asLong();
        long cursor = Math.max(0, maxCursor - 2L * limit);
        long[] micros = new long[pageReads];
        int records = 0;
        for (int read = 0; read < pageReads; read++) {
            long start = System.nanoTime();
            records = site.centralRecords(cursor, limit).path("data").size();
            micros[read] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        }
        Arrays.sort(micros);
        return new PageCost(size, filled, records, micros[micros.length / 2] / 1000.0,
                micros[(int) Math.min(micros.length - 1, Math.ceil(micros.length * 0.9) - 1)] / 1000.0);
    }

    private void fill(long rows) {
        String item = CentralRecords.item(topology.prefix() + "-FILL", "Filler item", topology.unitId(), 1).toString();
        try (Connection db = database.connect()) {
            db.setAutoCommit(false);
            String action = actionOfAnyChange(db);
            for (long done = 0; done < rows; done += FILL_PER_TRANSACTION) {
                long last;
                try (Statement lock = db.createStatement();
                     ResultSet sequence = lock.executeQuery("select last_cursor from central_sequence where id = 1 for update")) {
                    sequence.next();
                    last = sequence.getLong(1);
                }
                int batch = (int) Math.min(FILL_PER_TRANSACTION, rows - done);
                try (PreparedStatement insert = db.prepareStatement("insert into central_change (table_name, record_id,"
                        + " is_merge, cursor_id, action, data, origin_site_id, dispensary_only) values ('item', ?, false, ?, ?, ?, 1, false)")) {
                    for (int row = 0; row < batch; row++) {
                        String id = topology.prefix() + "-FILL" + (done + row);
                        insert.setString(1, id);
                        insert.setLong(2, last + row + 1);
                        insert.setString(3, action);
                        insert.setString(4, item.replace(topology.prefix() + "-FILL", id));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement move = db.prepareStatement("update central_sequence set last_cursor = ? where id = 1")) {
                    move.setLong(1, last + batch);
                    move.executeUpdate();
                }
                db.commit();
            }
        } catch (SQLException e) {
            throw new BenchmarkFailure("filling central_change at " + database.url() + ": " + e.getMessage(), e);
        }
    }

    private static String actionOfAnyChange(Connection db) throws SQLException {
        try (Statement query = db.createStatement();
             ResultSet any = query.executeQuery("select action from central_change where is_merge = false limit 1")) {
            return any.next() ? any.getString(1) : "Update";
        }
    }

    private long logSize() {
        return count("select count(*) from central_change");
    }

    /** The server stamps cursors when a site reads (a pass of up to 5,000 changes per read), so a site reads. */
    private void awaitStamped(long timeoutNanos) {
        long start = System.nanoTime();
        while (readers.get(0).centralRecords(0, 1) != null
                && count("select count(*) from central_change where cursor_id is null") > 0) {
            if (System.nanoTime() - start > timeoutNanos) {
                throw new BenchmarkFailure("central changes still without a cursor after "
                        + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
            }
            Sites.sleep(50);
        }
    }

    private long count(String sql) {
        try (Connection db = database.connect(); Statement query = db.createStatement(); ResultSet result = query.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new BenchmarkFailure(sql + " at " + database.url() + ": " + e.getMessage(), e);
        }
    }

    /** One page's cost at a log size: records in the page, median and 90th percentile of the reads in ms. */
    public record PageCost(long logSize, boolean filledDirectly, int records, double medianMillis, double p90Millis) {
    }

    /**
     * {@code made} central records made through the admin API in {@code editNanos} (until stamped); the log's size
     * then; {@code readers} sites reading it from cursor {@code from} to the end, {@code served} records in
     * {@code readNanos}; the page costs.
     */
    public record Result(long made, long editNanos, long logSize, long from, int readers, long served, long readNanos,
                         List<PageCost> pageCosts) {
    }
}
