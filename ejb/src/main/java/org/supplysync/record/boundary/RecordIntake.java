package org.supplysync.record.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.FieldType;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.record.control.CentralFacts;
import org.supplysync.record.control.Envelope;
import org.supplysync.record.control.IncomingRecord;
import org.supplysync.record.control.OwnershipPolicy;
import org.supplysync.record.control.RecordAction;
import org.supplysync.record.control.RecordNormaliser;
import org.supplysync.record.control.Verdict;
import org.supplysync.record.entity.SyncRecord;
import org.supplysync.routing.control.CentralChangeLog;
import org.supplysync.routing.control.CentralRoutingFacts;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.routing.control.OutboundRecord;
import org.supplysync.routing.control.Route;
import org.supplysync.routing.control.RoutingPolicy;
import org.supplysync.site.entity.Site;
import org.supplysync.store.control.VisibilityIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Integrates a batch of records from one site: checks each against the ownership rules, keeps what the central copy
 * should hold, routes every accepted change to the change log or the sites' queues, and records every refusal.
 * One transaction: the batch integrates whole or not at all, and a refused record never stops the others.
 */
@Stateless
public class RecordIntake {

    @PersistenceContext
    EntityManager em;

    @Inject
    DataTypes dataTypes;

    @Inject
    CentralCopy centralCopy;

    @Inject
    VisibilityIndex visibility;

    @Inject
    CentralChangeLog changeLog;

    @Inject
    OutboundQueues outboundQueues;

    @Inject
    Refusals refusals;

    public IntakeReport intake(int siteId, List<IncomingRecord> records) {
        Site site = em.find(Site.class, siteId);
        if (site == null) {
            throw UnknownResourceException.inPath("there is no site " + siteId);
        }
        CentralFacts facts = new CentralFacts(em);
        Batch batch = new Batch(siteId, dataTypes.byTableName(), facts, new CentralRoutingFacts(em, facts));
        batch.fieldTypes = dataTypes.fieldTypes();
        centralCopy.prefetch(records);
        // Lines follow their parent's owner, so parents in the same batch go first.
        List<IncomingRecord> ordered = new ArrayList<>(records);
        ordered.sort(Comparator.comparing(r -> isLine(batch.registry.get(r.tableName()))));
        for (IncomingRecord record : ordered) {
            take(batch, record).ifPresentOrElse(
                    reason -> batch.refused.add(new Refusal(record.tableName(), record.recordId(), reason)),
                    () -> batch.accepted++);
        }
        batch.outbound.forEach(outboundQueues::send);
        refusals.record(siteId, batch.refused);
        return new IntakeReport(batch.accepted, batch.refused);
    }

    /** Integrates one record; the reason it was refused, if it was. */
    private Optional<String> take(Batch batch, IncomingRecord record) {
        Optional<String> problem = Envelope.problem(record, batch.registry);
        if (problem.isPresent()) {
            return problem;
        }
        DataType type = batch.registry.get(record.tableName());
        RecordAction action = RecordAction.parse(record.action()).orElseThrow();
        JsonObject pushed = record.recordData() == null ? JsonObject.EMPTY_JSON_OBJECT : record.recordData();
        return switch (action) {
            case UPSERT -> upsert(batch, type, record.recordId(), RecordNormaliser.normalise(pushed,
                    batch.fieldTypes.getOrDefault(record.tableName(), Map.of())));
            case DELETE -> delete(batch, type, record.recordId());
            case MERGE -> merge(batch, type, record.recordId(), pushed);
        };
    }

    private Optional<String> upsert(Batch batch, DataType type, String recordId, JsonObject data) {
        Verdict verdict = OwnershipPolicy.check(type, recordId, data, batch.siteId, batch.facts);
        if (verdict instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        Verdict.Accepted owner = (Verdict.Accepted) verdict;
        Route route = RoutingPolicy.route(type, data, owner.storeId(), owner.patientId(), batch.siteId, batch.routing);
        String json = data.toString();
        centralCopy.write(type.tableName(), recordId, route.heldCentrally() ? json : skeleton(type, data),
                owner.storeId(), owner.patientId(), batch.siteId, route.heldCentrally());
        if ("name_store_join".equals(type.tableName())) {
            visibility.joinChanged(recordId, data, false).ifPresent(due ->
                    batch.outbound.computeIfAbsent(due.siteId(), s -> new ArrayList<>()).add(due.record()));
        }
        send(batch, type, route, recordId, false, "update", json);
        return Optional.empty();
    }

    private Optional<String> delete(Batch batch, DataType type, String recordId) {
        Optional<SyncRecord> known = centralCopy.find(type.tableName(), recordId);
        if (known.isEmpty()) {
            // Made and deleted between two syncs, or never sent: there is nothing to delete or route.
            return Optional.empty();
        }
        JsonObject last = CentralCopy.parse(known.get().data());
        Verdict verdict = OwnershipPolicy.check(type, recordId, last, batch.siteId, batch.facts);
        if (verdict instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        Verdict.Accepted owner = (Verdict.Accepted) verdict;
        Route route = RoutingPolicy.route(type, last, owner.storeId(), owner.patientId(), batch.siteId, batch.routing);
        centralCopy.delete(type.tableName(), recordId, batch.siteId);
        if ("name_store_join".equals(type.tableName())) {
            visibility.joinChanged(recordId, last, true);
        }
        send(batch, type, route, recordId, false, "delete", "{}");
        return Optional.empty();
    }

    private Optional<String> merge(Batch batch, DataType type, String recordId, JsonObject merge) {
        String keep = merge.getString("mergeIdToKeep", "");
        String gone = merge.getString("mergeIdToDelete", "");
        if (keep.isEmpty() || gone.isEmpty()) {
            return Optional.of("merge needs mergeIdToKeep and mergeIdToDelete in recordData");
        }
        JsonObject kept = centralCopy.find(type.tableName(), keep).map(r -> CentralCopy.parse(r.data())).orElse(merge);
        Verdict verdict = OwnershipPolicy.check(type, keep, kept, batch.siteId, batch.facts);
        if (verdict instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        Verdict.Accepted owner = (Verdict.Accepted) verdict;
        Route route = RoutingPolicy.route(type, kept, owner.storeId(), owner.patientId(), batch.siteId, batch.routing);
        centralCopy.delete(type.tableName(), gone, batch.siteId);
        JsonObject wire = JSON.createObjectBuilder().add("mergeIdToKeep", keep).add("mergeIdToDelete", gone).build();
        // Logged under the merged-away id: every merge into the same record is a change of its own.
        send(batch, type, route, gone, true, "merge", wire.toString());
        return Optional.empty();
    }

    private void send(Batch batch, DataType type, Route route, String recordId, boolean merge, String action, String data) {
        if (route.centralChangeLog()) {
            changeLog.record(type.tableName(), recordId, merge, action, data, batch.siteId, type.isDispensaryOnly());
        }
        String wireId = merge ? CentralCopy.parse(data).getString("mergeIdToKeep") : recordId;
        for (int site : route.sites()) {
            batch.outbound.computeIfAbsent(site, s -> new ArrayList<>())
                    .add(new OutboundRecord(type.tableName(), wireId, action, data));
        }
    }

    /**
     * What the central copy remembers of a record it does not hold: only the fields that say whose it is and
     * where it goes, so that its lines can still be checked and routed.
     */
    private static String skeleton(DataType type, JsonObject data) {
        JsonObjectBuilder kept = JSON.createObjectBuilder();
        for (String field : new String[]{type.storeField(), type.parentField(), type.transferField(), type.patientField()}) {
            if (field != null && data.containsKey(field)) {
                kept.add(field, data.get(field));
            }
        }
        return kept.build().toString();
    }

    private static boolean isLine(DataType type) {
        return type != null && type.parentTable() != null;
    }

    /** The state of one intake: what it knows, what it decided, what it will send. */
    private static final class Batch {
        final int siteId;
        final Map<String, DataType> registry;
        final CentralFacts facts;
        final CentralRoutingFacts routing;
        Map<String, Map<String, FieldType>> fieldTypes = Map.of();
        final Map<Integer, List<OutboundRecord>> outbound = new TreeMap<>();
        final List<Refusal> refused = new ArrayList<>();
        int accepted;

        Batch(int siteId, Map<String, DataType> registry, CentralFacts facts, CentralRoutingFacts routing) {
            this.siteId = siteId;
            this.registry = registry;
            this.facts = facts;
            this.routing = routing;
        }
    }
}
