package org.supplysync.bench.phase;

import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.workload.Workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor the server is measured against: the same rows (of one mix) written straight into the same MariaDB with JDBC batch
 * inserts, one commit per batch, over as many connections as there are pushing threads. The scratch table has the
 * same key, charset and collation as the server's record tables, and is dropped afterwards. {@link #intoCentralCopyShape}
 * writes them instead into an empty table made like the central copy ({@code sync_record}: its secondary indexes, its
 * generated parent column and its JSON check): the one write the server cannot avoid for a record it keeps.
 */
public final class RawInserts {

    static final String TABLE = "bench_raw_insert";
    static final String CENTRAL_COPY_SHAPED = "bench_raw_central_copy";

    private final String url;
    private final String user;
    private final String password;
    private final Workload workload;
    private final int batchSize;
    private final int connections;
    private boolean centralCopyShape;

    public RawInserts(String url, String user, String password, Workload workload, int batchSize, int connections) {
        // MariaDB Connector/J 3 has no rewriteBatchedStatements; its bulk protocol is what a batch should use.
        this.url = url + (url.contains("?") ? "&" : "?") + "useBulkStmts=true";
        this.user = user;
        this.password = password;
        this.workload = workload;
        this.batchSize = batchSize;
        this.connections = connections;
    }

    /** Into a table made like the central copy instead of the plain scratch table. */
    public RawInserts intoCentralCopyShape() {
        centralCopyShape = true;
        return this;
    }

    /**
     * {@link #run} {@code times} times, the median kept: a baseline of a second or two is easily moved by whatever
     * else the shared machine runs meanwhile, and every ratio of the run divides by it.
     */
    public Result median(int times) {
        List<Result> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runs.add(run());
        }
        runs.sort(Comparator.comparingLong(Result::nanos));
        Result median = runs.get(runs.size() / 2);
        return new Result(median.rows(), median.nanos(), median.connections(), runs.stream().map(Result::nanos).toList());
    }

    public Result run() {
        String table = centralCopyShape ? CENTRAL_COPY_SHAPED : TABLE;
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement ddl = admin.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS " + table);
            ddl.execute(centralCopyShape ? "CREATE TABLE " + table + " LIKE sync_record" : "CREATE TABLE " + table + " ("
                    + " table_name VARCHAR(64) NOT NULL, record_id VARCHAR(128) NOT NULL,"
                    + " store_id VARCHAR(128) NULL, data LONGTEXT NOT NULL,"
                    + " PRIMARY KEY (table_name, record_id)"
                    + ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin");
            try {
                return insertAll(table);
            } finally {
                ddl.execute("DROP TABLE IF EXISTS " + table);
            }
        } catch (SQLException e) {
            throw new BenchmarkFailure("raw inserts into " + url + ": " + e.getMessage(), e);
        }
    }

    private Result insertAll(String table) {
        List<Workload.Row> rows = workload.rows();
        int batches = (rows.size() + batchSize - 1) / batchSize;
        AtomicInteger nextBatch = new AtomicInteger();
        long start = System.nanoTime();
        Parallel.forEach(connections, connections, connection -> {
            try (Connection db = DriverManager.getConnection(url, user, password);
                 PreparedStatement insert = db.prepareStatement("INSERT INTO " + table
                         + " (table_name, record_id, store_id, data" + (centralCopyShape ? ", origin_site_id" : "")
                         + ") VALUES (?, ?, ?, ?" + (centralCopyShape ? ", 0" : "") + ")")) {
                db.setAutoCommit(false);
                for (int batch = nextBatch.getAndIncrement(); batch < batches; batch = nextBatch.getAndIncrement()) {
                    for (Workload.Row row : rows.subList(batch * batchSize, Math.min(rows.size(), (batch + 1) * batchSize))) {
                        insert.setString(1, row.table());
                        insert.setString(2, row.recordId());
                        insert.setString(3, row.storeId());
                        insert.setString(4, row.data());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    db.commit();
                }
            } catch (SQLException e) {
                throw new BenchmarkFailure("raw inserts into " + url + ": " + e.getMessage(), e);
            }
        });
        long nanos = System.nanoTime() - start;
        return new Result(rows.size(), nanos, connections, List.of(nanos));
    }

    /** {@code nanos}: the run's, or the median of {@code runNanos} (each run's, fastest first). */
    public record Result(long rows, long nanos, int connections, List<Long> runNanos) {
    }
}
