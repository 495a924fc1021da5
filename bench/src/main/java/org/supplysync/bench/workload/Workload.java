package org.supplysync.bench.workload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.supplysync.client.simulate.SiteRecords;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.supplysync.client.simulate.SiteRecords.JSON;

/**
 * The records of one mix of a run, made before anything is timed, in the shapes the client's simulator pushes
 * ({@link SiteRecords}): units of a store's work dealt out round-robin over the stores, each unit's records in the
 * order a site makes them (an invoice before its lines), and each site's push requests ready to send in that order.
 * The raw insert baseline writes the very same JSON text, so the two rates compare the same rows.
 */
public final class Workload {

    /** Lines per invoice and per stocktake in the realistic mix. */
    public static final int INVOICE_LINES = 3;
    private static final int STOCKTAKE_LINES = 2;
    /** Stock lines per unit and lines per invoice in the reports mix. */
    private static final int REPORT_LINES = 5;

    private final Mix mix;
    private final List<Row> rows;
    /** Each record's index in {@link #rows}, by table and id: found without building a key per record pulled. */
    private final Map<String, Map<String, Integer>> indexByTable = new HashMap<>();
    private final List<List<Row>> rowsBySite;
    private final List<List<Batch>> batchesBySite;

    private Workload(Mix mix, List<Row> rows, List<List<Row>> rowsBySite, List<List<Batch>> batchesBySite) {
        this.mix = mix;
        this.rows = rows;
        this.rowsBySite = rowsBySite;
        this.batchesBySite = batchesBySite;
        for (int i = 0; i < rows.size(); i++) {
            indexByTable.computeIfAbsent(rows.get(i).table(), table -> new HashMap<>()).put(rows.get(i).recordId(), i);
        }
    }

    /** At least {@code records} records (a unit of work is never cut), in push requests of {@code batchSize}. */
    public static Workload of(Topology topology, Mix mix, int records, int batchSize) {
        return of(topology, mix, mix.tag(), records, batchSize);
    }

    /** As {@link #of}, records of their own (their ids never meet the mix's): the untimed round before the mix. */
    public static Workload warmUp(Topology topology, Mix mix, int records, int batchSize) {
        return of(topology, mix, mix.tag() + "W", records, batchSize);
    }

    private static Workload of(Topology topology, Mix mix, String tag, int records, int batchSize) {
        List<Row> rows = new ArrayList<>(records + 8);
        List<List<Row>> rowsBySite = new ArrayList<>();
        for (int site = 0; site < topology.sites(); site++) {
            rowsBySite.add(new ArrayList<>());
        }
        Units units = new Units(topology, mix, tag);
        for (int unit = 0; rows.size() < records; unit++) {
            int store = unit % topology.stores();
            for (Row row : units.make(unit, store)) {
                rows.add(row);
                rowsBySite.get(topology.activeSite(store)).add(row);
            }
        }
        List<List<Batch>> batchesBySite = new ArrayList<>();
        for (List<Row> siteRows : rowsBySite) {
            batchesBySite.add(batches(siteRows, batchSize));
        }
        return new Workload(mix, rows, rowsBySite, batchesBySite);
    }

    /**
     * One push request of {@code records} locations of the site's own store, each about {@code recordBytes} long
     * (the description pads it): a body of a given size that the server must accept, for the memory phase.
     */
    public static byte[] paddedLocations(Topology topology, String tag, int site, int records, int recordBytes) {
        String padding = "x".repeat(Math.max(0, recordBytes - 200));
        List<Row> rows = new ArrayList<>(records);
        for (int record = 0; record < records; record++) {
            String id = topology.prefix() + "-" + tag + site + "-" + record;
            rows.add(new Row("Location", id, topology.storeId(site), topology.destinationSite(site),
                    SiteRecords.location(id, topology.storeId(site), "M" + record, padding, 0).toString()));
        }
        return body(records, 0, rows);
    }

    public Mix mix() {
        return mix;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The site's records in the order it makes them. */
    public List<Row> rowsOf(int site) {
        return rowsBySite.get(site);
    }

    public List<Batch> batchesOf(int site) {
        return batchesBySite.get(site);
    }

    /** The index of a record of this workload in {@link #rows()}, or -1 when it is none of them. */
    public int indexOf(String table, String recordId) {
        Map<String, Integer> ids = indexByTable.get(table);
        Integer index = ids == null ? null : ids.get(recordId);
        return index == null ? -1 : index;
    }

    /** How many records of each table, by table name. */
    public Map<String, Integer> tables() {
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(row -> counts.merge(row.table(), 1, Integer::sum));
        return counts;
    }

    /**
     * A customer invoice of {@code store} to the name {@code nameId} and its three lines (§3.9, §3.10), as the
     * realistic mix makes them. Finalised and to a store's name, it is the initiating half of a stock transfer at its
     * trigger.
     */
    public static List<Row> customerInvoice(Topology topology, String invoiceId, int store, String nameId, int number,
                                            boolean finalised) {
        ObjectNode invoice = SiteRecords.transact(invoiceId, topology.storeId(store), nameId, number, "ci",
                "bench invoice", "2026-03-01", 36_000 + number % 36_000);
        if (finalised) {
            invoice.put("status", "fn").put("confirm_date", "2026-03-01").put("confirm_time", 37_000 + number % 36_000)
                    .put("finalised_date", "2026-03-01").put("finalised_time", 38_000 + number % 36_000);
        }
        List<Row> rows = new ArrayList<>();
        rows.add(row(topology, "transact", store, invoice));
        for (int line = 0; line < INVOICE_LINES; line++) {
            rows.add(row(topology, "trans_line", store, SiteRecords.transLine(invoiceId + "-" + line, invoiceId,
                    topology.itemId((number + line) % Topology.ITEMS), "B" + number, "stock_out", 1 + line)));
        }
        return rows;
    }

    private static Row row(Topology topology, String table, int store, ObjectNode data) {
        return new Row(table, data.get("ID").asText(), topology.storeId(store), topology.destinationSite(store),
                data.toString());
    }

    /** Makes the records of one unit of a store's work. */
    private record Units(Topology topology, Mix mix, String tag) {

        List<Row> make(int unit, int store) {
            if (mix == Mix.LOCATIONS) {
                return List.of(location(unit, store));
            }
            if (mix == Mix.REPORTS) {
                // Shifted each round over the stores, so that every store holds stock and issues it.
                return (unit + unit / topology.stores()) % 2 == 0 ? stockLines(unit, store) : finalisedInvoice(unit, store);
            }
            // Shifted each round over the stores, so that every store does every kind of work.
            int kind = (unit + unit / topology.stores()) % 10;
            if (kind < 4) {
                return invoice(unit, store);
            } else if (kind < 7) {
                return List.of(row("item_line", store, SiteRecords.itemLine(id("IL", unit), topology.storeId(store),
                        item(unit), "B" + unit, "2029-06-30", "", 1 + unit % 10, 10 + unit % 500, 2.5, 4.25,
                        "received", topology.supplierNameId())));
            } else if (kind < 9) {
                return List.of(location(unit, store));
            }
            // Patients join the mix with the issue that routes a patient a site registers (today it reaches no
            // collector: found by this benchmark).
            return stocktake(unit, store);
        }

        private Row location(int unit, int store) {
            String id = id("L", unit);
            return row("Location", store, SiteRecords.location(id, topology.storeId(store), "L" + unit,
                    "Bench location " + unit, 0));
        }

        private List<Row> invoice(int unit, int store) {
            return customerInvoice(topology, id("CI", unit), store, topology.customerNameId(), unit, false);
        }

        /** Stock lines of five items at one of three locations of the store, a unit's worth of receipts. */
        private List<Row> stockLines(int unit, int store) {
            List<Row> rows = new ArrayList<>();
            for (int line = 0; line < REPORT_LINES; line++) {
                rows.add(row("item_line", store, SiteRecords.itemLine(id("IL", unit) + "-" + line,
                        topology.storeId(store), item(unit + line), "B" + unit, "2029-06-30",
                        topology.storeId(store) + "-LOC" + (unit / 2 % 3), 1 + line % 10, 10 + (unit + line) % 500,
                        2.5 + line, 4.25 + line, "received", topology.supplierNameId())));
            }
            return rows;
        }

        /**
         * A finalised invoice and its lines, in a month of 2026: of every ten, eight customer invoices, a
         * prescription and a customer return.
         */
        private List<Row> finalisedInvoice(int unit, int store) {
            String invoice = id("FI", unit);
            int kind = unit / 2 % 10;
            String type = kind == 9 ? "cc" : "ci";
            String date = String.format("2026-%02d-15", 1 + unit / 2 % 12);
            List<Row> rows = new ArrayList<>();
            rows.add(row("transact", store, SiteRecords.transact(invoice, topology.storeId(store),
                            topology.customerNameId(), unit, type, "bench issue", date, 36_000)
                    .put("status", "fn").put("mode", kind == 8 ? "dispensary" : "store")
                    .put("confirm_date", date).put("finalised_date", date)));
            for (int line = 0; line < REPORT_LINES; line++) {
                rows.add(row("trans_line", store, SiteRecords.transLine(invoice + "-" + line, invoice,
                        item(unit + line), "B" + unit, "cc".equals(type) ? "stock_in" : "stock_out", 1 + line)));
            }
            return rows;
        }

        private List<Row> stocktake(int unit, int store) {
            String stocktake = id("ST", unit);
            List<Row> rows = new ArrayList<>();
            rows.add(row("Stock_take", store, SiteRecords.stockTake(stocktake, topology.storeId(store), unit,
                    "Bench count " + unit, "2026-03-01", 40_000)));
            for (int line = 0; line < STOCKTAKE_LINES; line++) {
                rows.add(row("Stock_take_lines", store, SiteRecords.stockTakeLine(stocktake + "-" + line, stocktake,
                        "", item(unit + line), "B" + unit, 10, 9 + line)));
            }
            return rows;
        }

        private Row row(String table, int store, ObjectNode data) {
            return Workload.row(topology, table, store, data);
        }

        private String id(String kind, int unit) {
            return topology.prefix() + "-" + tag + "-" + kind + unit;
        }

        private String item(int n) {
            return topology.itemId(n % Topology.ITEMS);
        }
    }

    /**
     * A site's push in order: queueLength counts what is still to push including the batch, and syncOutId is the
     * site's own change-log cursor, counting up from 1 (§1.10).
     */
    private static List<Batch> batches(List<Row> siteRows, int batchSize) {
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < siteRows.size(); from += batchSize) {
            List<Row> batch = siteRows.subList(from, Math.min(siteRows.size(), from + batchSize));
            batches.add(new Batch(batch.size(), body(siteRows.size() - from, from, batch)));
        }
        return batches;
    }

    /** A push request: {@code {"queueLength", "data"}}, syncOutIds counting up from {@code firstSyncOutId} + 1. */
    public static byte[] body(long queueLength, int firstSyncOutId, List<Row> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("queueLength", queueLength);
            json.writeArrayFieldStart("data");
            int syncOutId = firstSyncOutId;
            for (Row row : batch) {
                json.writeStartObject();
                json.writeStringField("syncOutId", Integer.toString(++syncOutId));
                json.writeStringField("tableName", row.table());
                json.writeStringField("recordId", row.recordId());
                json.writeStringField("action", "Update");
                json.writeFieldName("recordData");
                json.writeRawValue(row.data());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One record: its table, id, store, the index of the one site it must reach, its {@code recordData} text. */
    public record Row(String table, String recordId, String storeId, int destination, String data) {
    }

    /** One push request body, ready to send, and how many records it carries. */
    public record Batch(int records, byte[] body) {
    }
}
