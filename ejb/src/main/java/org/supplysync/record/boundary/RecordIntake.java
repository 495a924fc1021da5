package org.supplysync.record.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.record.control.CentralFacts;
import org.supplysync.record.control.IncomingRecord;
import org.supplysync.record.control.OwnershipPolicy;
import org.supplysync.record.control.RecordAction;
import org.supplysync.record.control.Verdict;
import org.supplysync.record.entity.SyncRecord;
import org.supplysync.site.entity.Site;
import org.supplysync.store.control.VisibilityIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes a batch of records from one site: checks each against the ownership rules, keeps what the site may change
 * in the central copy, and reports every refusal. One transaction: the batch integrates whole or not at all, and a
 * refused record never stops the others.
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

    public IntakeReport intake(int siteId, List<IncomingRecord> records) {
        Site site = em.find(Site.class, siteId);
        if (site == null) {
            throw UnknownResourceException.inPath("there is no site " + siteId);
        }
        Map<String, DataType> registry = dataTypes.byTableName();
        CentralFacts facts = new CentralFacts(em);
        List<Refusal> refused = new ArrayList<>();
        int accepted = 0;
        // Lines follow their parent's owner, so parents in the same batch go first.
        List<IncomingRecord> ordered = new ArrayList<>(records);
        ordered.sort(Comparator.comparing(r -> isLine(registry.get(r.tableName()))));
        for (IncomingRecord record : ordered) {
            Optional<String> problem = take(siteId, record, registry, facts);
            if (problem.isPresent()) {
                refused.add(new Refusal(record.tableName(), record.recordId(), problem.get()));
            } else {
                accepted++;
            }
        }
        if (!refused.isEmpty()) {
            site.countRefusals(refused.size());
        }
        return new IntakeReport(accepted, refused);
    }

    /** Integrates one record; the reason it was refused, if it was. */
    private Optional<String> take(int siteId, IncomingRecord record, Map<String, DataType> registry, CentralFacts facts) {
        if (record.tableName() == null || record.tableName().isBlank()) {
            return Optional.of("tableName is missing");
        }
        if (record.recordId() == null || record.recordId().isBlank()) {
            return Optional.of("recordId is missing");
        }
        DataType type = registry.get(record.tableName());
        if (type == null) {
            return Optional.of("unknown table " + record.tableName() + ": it is not in the data-type registry");
        }
        Optional<RecordAction> action = RecordAction.parse(record.action());
        if (action.isEmpty()) {
            return Optional.of("unknown action \"" + record.action() + "\": insert, update, delete or merge");
        }
        JsonObject pushed = record.recordData() == null ? JsonObject.EMPTY_JSON_OBJECT : record.recordData();
        return switch (action.get()) {
            case UPSERT -> upsert(siteId, type, record.recordId(), pushed, facts);
            case DELETE -> delete(siteId, type, record.recordId(), facts);
            case MERGE -> merge(siteId, type, record.recordId(), pushed, facts);
        };
    }

    private Optional<String> upsert(int siteId, DataType type, String recordId, JsonObject data, CentralFacts facts) {
        Verdict verdict = OwnershipPolicy.check(type, recordId, data, siteId, facts);
        if (verdict instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        Verdict.Accepted owner = (Verdict.Accepted) verdict;
        centralCopy.write(type.tableName(), recordId, data.toString(), owner.storeId(), owner.patientId(), siteId);
        afterChange(type, recordId, data, false);
        return Optional.empty();
    }

    private Optional<String> delete(int siteId, DataType type, String recordId, CentralFacts facts) {
        Optional<SyncRecord> known = centralCopy.find(type.tableName(), recordId);
        if (known.isEmpty()) {
            // Made and deleted between two syncs, or never sent: there is nothing to delete or route.
            return Optional.empty();
        }
        JsonObject last = parse(known.get().data());
        Verdict verdict = OwnershipPolicy.check(type, recordId, last, siteId, facts);
        if (verdict instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        centralCopy.delete(type.tableName(), recordId, siteId);
        afterChange(type, recordId, last, true);
        return Optional.empty();
    }

    private Optional<String> merge(int siteId, DataType type, String recordId, JsonObject merge, CentralFacts facts) {
        String keep = merge.getString("mergeIdToKeep", "");
        String gone = merge.getString("mergeIdToDelete", "");
        if (keep.isEmpty() || gone.isEmpty()) {
            return Optional.of("merge needs mergeIdToKeep and mergeIdToDelete in recordData");
        }
        JsonObject kept = centralCopy.find(type.tableName(), keep).map(r -> parse(r.data())).orElse(merge);
        Verdict verdict = OwnershipPolicy.check(type, keep, kept, siteId, facts);
        if (verdict instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        centralCopy.delete(type.tableName(), gone, siteId);
        return Optional.empty();
    }

    private void afterChange(DataType type, String recordId, JsonObject data, boolean deleted) {
        if ("name_store_join".equals(type.tableName())) {
            visibility.joinChanged(recordId, data, deleted);
        }
    }

    private static boolean isLine(DataType type) {
        return type != null && type.parentTable() != null;
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }
}
