package org.supplysync.bench.phase;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.bench.workload.TransferPlan;
import org.supplysync.bench.workload.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exactly-once check of the transfer phase, and when each responding half arrived: for every transfer of the plan,
 * the responding half the central made (a supplier invoice {@code si} in the responding store, numbered -1, linked to
 * the customer invoice) must arrive once at the responding site, with a line for each line of the invoice, and no
 * site may ever see a second responding half of the same invoice. Pages come from several pulling threads at once.
 */
public final class Responses {

    private final TransferPlan plan;
    private final int[] arrivals;
    private final long[] arrivedAt;
    private final List<Set<String>> halves;
    private final Map<String, Integer> lineArrivals = new HashMap<>();
    private final int[] awaited;
    private final List<String> wrong = new ArrayList<>();
    private long elsewhere;

    Responses(TransferPlan plan, int sites) {
        this.plan = plan;
        int transfers = plan.transfers().size();
        this.arrivals = new int[transfers];
        this.arrivedAt = new long[transfers];
        this.halves = new ArrayList<>(transfers);
        for (int n = 0; n < transfers; n++) {
            halves.add(new HashSet<>(2));
        }
        this.awaited = new int[sites];
        plan.transfers().forEach(transfer -> awaited[transfer.respondingSite()]++);
    }

    /** A page pulled by site {@code site} (its index in the topology), answered at {@code nanos}. */
    synchronized void received(int site, JsonNode records, long nanos) {
        for (JsonNode record : records) {
            JsonNode data = record.path("recordData");
            String table = record.path("tableName").asText();
            if (table.equals("transact") && data.path("type").asText().equals("si")) {
                half(site, record.path("recordId").asText(), data, nanos);
            } else if (table.equals("trans_line") && data.path("type").asText().equals("stock_in")) {
                int n = plan.indexOf(data.path("linked_transact_id").asText());
                if (n >= 0 && plan.transfers().get(n).respondingSite() == site) {
                    lineArrivals.merge(record.path("recordId").asText(), 1, Integer::sum);
                }
            }
        }
    }

    private void half(int site, String id, JsonNode data, long nanos) {
        int n = plan.indexOf(data.path("linked_transaction_id").asText());
        if (n < 0) {
            return;
        }
        TransferPlan.Transfer transfer = plan.transfers().get(n);
        halves.get(n).add(id);
        if (transfer.respondingSite() != site) {
            elsewhere++;
            return;
        }
        if (++arrivals[n] == 1) {
            arrivedAt[n] = nanos;
            awaited[site]--;
        }
        if (data.path("invoice_num").asInt() != -1 || !plan.respondingStoreId(transfer).equals(data.path("store_ID").asText())) {
            if (wrong.size() < 5) {
                wrong.add(id + " (invoice_num " + data.path("invoice_num").asText() + ", store_ID "
                        + data.path("store_ID").asText() + ", expected -1 and " + plan.respondingStoreId(transfer) + ")");
            }
        }
    }

    /** How many responding halves the site has not received yet. */
    synchronized int awaited(int site) {
        return awaited[site];
    }

    /** When the responding half of transfer {@code n} first arrived at its site ({@link System#nanoTime}), or 0. */
    synchronized long arrivedAt(int n) {
        return arrivedAt[n];
    }

    synchronized Result result() {
        long arrived = 0;
        long duplicates = 0;
        long secondHalves = 0;
        for (int n = 0; n < arrivals.length; n++) {
            arrived += arrivals[n] > 0 ? 1 : 0;
            duplicates += Math.max(0, arrivals[n] - 1);
            secondHalves += Math.max(0, halves.get(n).size() - 1);
        }
        long lineDuplicates = lineArrivals.values().stream().mapToLong(count -> count - 1).sum();
        return new Result(arrivals.length, arrived, duplicates, secondHalves, List.copyOf(wrong),
                (long) arrivals.length * Workload.INVOICE_LINES, lineArrivals.size(), lineDuplicates, elsewhere);
    }

    /**
     * {@code transfers} expected; {@code arrived} of them whose responding half reached the responding site;
     * {@code duplicates} extra copies there; {@code secondHalves} responding halves beyond the first for one invoice,
     * at any site; responding halves of the wrong shape (a few); responding lines expected, distinct ones arrived at
     * the responding sites and extra copies; copies of responding halves pulled by other sites (both stores' sites and
     * collectors get them).
     */
    public record Result(long transfers, long arrived, long duplicates, long secondHalves, List<String> wrong,
                         long linesExpected, long linesArrived, long lineDuplicates, long elsewhere) {

        public boolean exactlyOnce() {
            return arrived == transfers && duplicates == 0 && secondHalves == 0 && wrong.isEmpty()
                    && linesArrived == linesExpected && lineDuplicates == 0;
        }

        public String describe() {
            return arrived + " of " + transfers + " responding halves (si, invoice_num -1, linked to their ci) at their"
                    + " responding site, " + duplicates + " duplicates, " + secondHalves + " second responding halves"
                    + (wrong.isEmpty() ? "" : ", wrong: " + wrong) + "; " + linesArrived + " of " + linesExpected
                    + " responding lines, " + lineDuplicates + " duplicates; " + elsewhere
                    + " copies of responding halves at the other parties' sites: "
                    + (exactlyOnce() ? "OK, each exactly once" : "WRONG");
        }
    }
}
