package org.supplysync.bench.workload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.supplysync.bench.api.Http.JSON;

/**
 * The records of a run, made before anything is timed: {@code Location} rows (the smallest store data, §3.7), dealt
 * out round-robin over the stores, and each site's push requests ready to send. The raw insert baseline writes the
 * very same JSON text, so the two rates compare the same rows.
 */
public final class Workload {

    private final List<Row> rows;
    private final List<List<Batch>> batchesBySite;

    private Workload(List<Row> rows, List<List<Batch>> batchesBySite) {
        this.rows = rows;
        this.batchesBySite = batchesBySite;
    }

    public static Workload of(Topology topology, int records, int batchSize) {
        List<Row> rows = new ArrayList<>(records);
        List<List<Row>> rowsBySite = new ArrayList<>();
        for (int site = 0; site < topology.sites(); site++) {
            rowsBySite.add(new ArrayList<>());
        }
        for (int record = 0; record < records; record++) {
            int store = record % topology.stores();
            Row row = new Row(topology.locationId(record), topology.storeId(store), location(topology, record, store));
            rows.add(row);
            rowsBySite.get(topology.activeSite(store)).add(row);
        }
        List<List<Batch>> batchesBySite = new ArrayList<>();
        for (List<Row> siteRows : rowsBySite) {
            batchesBySite.add(batches(siteRows, batchSize));
        }
        return new Workload(rows, batchesBySite);
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Batch> batchesOf(int site) {
        return batchesBySite.get(site);
    }

    private static String location(Topology topology, int record, int store) {
        ObjectNode data = JSON.createObjectNode()
                .put("ID", topology.locationId(record))
                .put("store_ID", topology.storeId(store))
                .put("code", "L" + record)
                .put("Description", "Bench location " + record)
                .put("hold", false)
                .put("type_ID", "")
                .put("Volume", 0);
        return data.toString();
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

    private static byte[] body(long queueLength, int firstSyncOutId, List<Row> batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("queueLength", queueLength);
            json.writeArrayFieldStart("data");
            int syncOutId = firstSyncOutId;
            for (Row row : batch) {
                json.writeStartObject();
                json.writeStringField("syncOutId", Integer.toString(++syncOutId));
                json.writeStringField("tableName", "Location");
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

    /** One record: its id, its store, and its {@code recordData} as JSON text. */
    public record Row(String recordId, String storeId, String data) {
    }

    /** One push request body, ready to send, and how many records it carries. */
    public record Batch(int records, byte[] body) {
    }
}
