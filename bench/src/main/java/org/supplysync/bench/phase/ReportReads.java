package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.bench.BenchmarkFailure;
import org.supplysync.bench.workload.Topology;
import org.supplysync.client.admin.AdminApi;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The questions an administrator asks of the dashboard, timed over whatever the central holds: each report across
 * stores (where it takes an item, the item with the most invoice lines in the reporting projection: the slowest
 * question) and the sync report's list of sites, beside {@code GET /api/sites}; each read several times, one after
 * the other. What the reports read is counted in the reporting projection's tables over JDBC (untimed), so the
 * figures say how big the data set was.
 */
public final class ReportReads {

    private final AdminApi admin;
    private final Topology topology;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;

    public ReportReads(AdminApi admin, Topology topology, String dbUrl, String dbUser, String dbPassword) {
        this.admin = admin;
        this.topology = topology;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    public Result run(int reads) {
        String item = busiestItem().orElse(topology.itemId(0));
        Map<String, Supplier<JsonNode>> questions = new LinkedHashMap<>();
        questions.put("GET /api/sites", admin::sites);
        questions.put("GET /api/dashboard/sites", admin::dashboardSites);
        questions.put("stock on hand of one item", () -> admin.stockOnHand(item));
        questions.put("stock on hand of every item", () -> admin.stockOnHand(null));
        questions.put("value of stock on hand", admin::stockValue);
        questions.put("monthly usage of one item, 12 months", () -> admin.monthlyUsage(item, "2026-01", "2026-12"));
        List<Timing> timings = new ArrayList<>();
        questions.forEach((question, read) -> {
            double[] millis = new double[reads];
            int rows = 0;
            for (int i = 0; i < reads; i++) {
                long start = System.nanoTime();
                JsonNode answer = read.get();
                millis[i] = (System.nanoTime() - start) / 1e6;
                rows = (answer.isArray() ? answer : answer.path("rows")).size();
            }
            Arrays.sort(millis);
            timings.add(new Timing(question, millis[reads / 2], millis[reads - 1], rows));
        });
        return new Result(projected(), timings);
    }

    /** The item with the most invoice lines, found over JDBC (untimed); none on a central without any. */
    private Optional<String> busiestItem() {
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
             Statement select = db.createStatement();
             ResultSet row = select.executeQuery("select item_id from report_issue_line group by item_id"
                     + " order by count(*) desc limit 1")) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new BenchmarkFailure("reading the reporting projection at " + dbUrl + ": " + e.getMessage(), e);
        }
    }

    /** Rows of each table of the reporting projection. */
    private Map<String, Long> projected() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
             Statement count = db.createStatement()) {
            for (String table : List.of("report_stock_line", "report_issue", "report_issue_line")) {
                try (ResultSet row = count.executeQuery("select count(*) from " + table)) {
                    row.next();
                    counts.put(table, row.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new BenchmarkFailure("counting the reporting projection at " + dbUrl + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** One question: the median and slowest of its reads, and the rows (or sites) of its answer. */
    public record Timing(String question, double medianMillis, double maxMillis, int rows) {
    }

    public record Result(Map<String, Long> projected, List<Timing> timings) {
    }
}
