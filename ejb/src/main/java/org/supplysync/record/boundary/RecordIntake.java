package org.supplysync.record.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;
import org.supplysync.datatype.entity.FieldType;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Sql;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.record.control.CentralCopies;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.record.control.CentralFacts;
import org.supplysync.record.control.Envelope;
import org.supplysync.record.control.IncomingRecord;
import org.supplysync.record.control.OwnershipPolicy;
import org.supplysync.record.control.RecordAction;
import org.supplysync.record.control.RecordNormaliser;
import org.supplysync.record.control.Verdict;
import org.supplysync.routing.control.CentralChangeLog;
import org.supplysync.routing.control.CentralRoutingFacts;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.routing.control.OutboundRecord;
import org.supplysync.routing.control.PatientHistory;
import org.supplysync.routing.control.Route;
import org.supplysync.routing.control.RoutingPolicy;
import org.supplysync.site.entity.Site;
import org.supplysync.store.control.VisibilityIndex;
import org.supplysync.transfer.boundary.TransferDesk;
import org.supplysync.transfer.control.TransferKind;
import org.supplysync.transfer.control.TransferLedger;
import org.supplysync.transfer.control.TransferSession;
import org.supplysync.transfer.control.TransferWork;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Integrates a batch of records from one site: checks each against the ownership rules, keeps what the central copy
 * should hold, routes every accepted change to the change log or the sites' queues, and records every refusal.
 * One transaction: the batch integrates whole or not at all, and a refused record never stops the others. The
 * central copy and the change log are written with plain JDBC batches, once per record and place, at the end.
 */
@Stateless
public class RecordIntake {

    @PersistenceContext
    EntityManager em;

    @Inject
    DataTypes dataTypes;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    VisibilityIndex visibility;

    @Inject
    CentralChangeLog changeLog;

    @Inject
    OutboundQueues outboundQueues;

    @Inject
    Refusals refusals;

    @Inject
    TransferDesk transferDesk;

    @Inject
    Event<KeptForCentral> keptForCentral;

    @Inject
    @ConfigProperty(name = "supplysync.queue.max-messages-per-transaction")
    int maxMessagesPerTransaction;

    /**
     * Integrates the records in their order (parents before lines, as the caller orders them), as far as one
     * transaction's message budget allows; {@link IntakeReport#taken()} says how far that was.
     */
    public IntakeReport intake(int siteId, List<IncomingRecord> records) {
        Site site = em.find(Site.class, siteId);
        if (site == null) {
            throw UnknownResourceException.inPath("there is no site " + siteId);
        }
        Map<String, DataType> registry = dataTypes.byTableName();
        int taken = 0;
        Batch batch;
        try (Connection db = dataSource.getConnection()) {
            CentralCopies copies = new CentralCopies(db);
            CentralFacts facts = new CentralFacts(em, copies, registry.values());
            TransferSession transfers = transferDesk.open(db, copies);
            batch = new Batch(siteId, registry, copies, facts, transfers,
                    new CentralRoutingFacts(em, facts, copies, registry).readingTransfersFrom(transfers.ledger()),
                    outboundQueues.budget(maxMessagesPerTransaction));
            batch.fieldTypes = dataTypes.fieldTypes();
            copies.prefetch(records);
            copies.prefetchParents(records, registry);
            transfers.ledger().prefetch(records, registry);
            for (IncomingRecord record : records) {
                Optional<String> reason;
                try {
                    reason = take(batch, record);
                } catch (OverBudget over) {
                    if (taken == 0) {
                        throw new IllegalStateException(over.getMessage());
                    }
                    break;
                }
                taken++;
                if (reason.isPresent()) {
                    batch.refused.add(new Refusal(record.tableName(), record.recordId(), reason.get(), record.action(),
                            record.dataText()));
                } else {
                    batch.accepted++;
                }
            }
            copies.flush();
            batch.transfers.ledger().flush();
            changeLog.recordAll(db, batch.centralChanges);
        } catch (SQLException e) {
            throw Sql.failure("integrating records of site " + siteId, e);
        }
        batch.outbound.forEach(outboundQueues::send);
        refusals.record(siteId, batch.refused);
        return new IntakeReport(batch.accepted, batch.refused, taken, batch.centralChanges.size());
    }

    /**
     * Integrates a whole batch in this transaction, parents before lines: the central server acting as a site
     * through the admin API. A batch whose messages do not fit in one transaction is refused whole.
     */
    public IntakeReport intakeAll(int siteId, List<IncomingRecord> records) {
        Map<String, DataType> registry = dataTypes.byTableName();
        List<IncomingRecord> ordered = new ArrayList<>(records);
        ordered.sort(Comparator.comparing(r -> registry.get(r.tableName()) != null && registry.get(r.tableName()).isLine()));
        IntakeReport report = intake(siteId, ordered);
        if (report.taken() < ordered.size()) {
            throw new InvalidRequestException("the batch goes to more sites than one transaction may send messages to"
                    + " (supplysync.queue.max-messages-per-transaction): send it in smaller batches");
        }
        return report;
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
            case UPSERT -> upsert(batch, type, record, RecordNormaliser.normalise(pushed,
                    batch.fieldTypes.getOrDefault(record.tableName(), Map.of())));
            case DELETE -> delete(batch, type, record.recordId());
            case MERGE -> merge(batch, type, pushed);
        };
    }

    private Optional<String> upsert(Batch batch, DataType type, IncomingRecord record, JsonObject data) {
        String recordId = record.recordId();
        Verdict verdict = OwnershipPolicy.check(type, recordId, data, batch.siteId, batch.facts);
        if (verdict instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        Verdict.Accepted owner = (Verdict.Accepted) verdict;
        TransferWork transfer = TransferKind.involves(type.tableName())
                ? TransferDesk.consider(batch.transfers, type, recordId, data, owner.storeId(), batch.siteId)
                : new TransferWork();
        Gain gain = gain(batch, type, data, owner);
        // Routed with the transfer it starts, if it starts one: nothing is written before all of it fits.
        TransferLedger.Staged staged = batch.transfers.ledger().stage(transfer);
        Route route;
        List<Routed> transferRecords;
        try {
            route = RoutingPolicy.route(type, recordId, data, owner.storeId(), owner.patientId(), batch.siteId,
                    batch.routing);
            transferRecords = routed(batch, transfer);
            batch.reserve(route, transferRecords, gain, type.isVisibilityJoin() ? 1 : 0);
        } catch (OverBudget over) {
            batch.transfers.ledger().unstage(staged);
            throw over;
        }
        // The text as stored at push, unless normalising changed the record: printed again only then.
        String json = data == record.recordData() && record.text() != null ? record.text() : data.toString();
        if (route.heldCentrally()) {
            batch.copies.write(type.tableName(), recordId, json, data, owner.storeId(), owner.patientId(), batch.siteId,
                    true);
        } else {
            batch.copies.write(type.tableName(), recordId, skeleton(type, data), owner.storeId(), owner.patientId(),
                    batch.siteId, false);
        }
        if (type.isVisibilityJoin()) {
            visibility.joinChanged(type, recordId, data, false).ifPresent(due -> batch.add(due.siteId(), due.record()));
        }
        if (VisibilityIndex.isPrescription(type.tableName(), data)) {
            prescribed(batch, data, owner.storeId());
        }
        if (type.type() == DataTypeKind.TO_CENTRAL) {
            keptForCentral.fire(new KeptForCentral(type.tableName(), recordId, data, batch.siteId));
        }
        send(batch, type, route, recordId, false, "update", json);
        sendHistory(batch, gain, new OutboundRecord(type.tableName(), recordId, "update", json));
        for (Routed routed : transferRecords) {
            if (routed.made()) {
                batch.copies.write(routed.type().tableName(), routed.recordId(), routed.json(), routed.storeId(), null,
                        Site.CENTRAL, true);
            }
            send(batch, routed.type(), routed.route(), routed.recordId(), false, "update", routed.json());
        }
        return Optional.empty();
    }

    /**
     * What a prescription in a store tells the central: its prescriber is shared with the store's site from now on,
     * and a patient who has no home store gets this one (the seed's v4.09 note: "according to their most recent
     * prescription"); the patient's record is unchanged, the central's known owner is set.
     */
    private void prescribed(Batch batch, JsonObject prescription, String storeId) {
        Optional.ofNullable(text(prescription, "prescriber_ID")).filter(batch.facts::isPatient)
                .ifPresent(prescriber -> visibility.prescribedIn(prescriber, storeId));
        String patientId = text(prescription, "name_ID");
        if (patientId != null && batch.facts.isPatient(patientId) && batch.facts.homeStoreOf(patientId).isEmpty()) {
            batch.copies.find("name", patientId).ifPresent(patient -> batch.copies.write("name", patientId,
                    batch.copies.data("name", patientId).orElseThrow(), storeId, patientId, patient.originSiteId(), true));
        }
    }

    /**
     * The sites a visibility join makes see its patient (or prescriber) for the first time, and what the central
     * holds of the patient, which they have never received: read before anything of the join is written, so that
     * it counts in the message budget. Empty for any other record, or a join that makes nothing visible.
     */
    private static Gain gain(Batch batch, DataType type, JsonObject data, Verdict.Accepted owner) {
        String storeId = type.storeField() == null ? null : text(data, type.storeField());
        if (!type.isVisibilityJoin() || owner.patientId() == null || storeId == null
                || JsonValue.TRUE.equals(data.get("inactive"))) {
            return Gain.NONE;
        }
        Set<Integer> sites = RoutingPolicy.sitesGaining(owner.patientId(), storeId, batch.routing);
        sites.remove(batch.siteId);
        if (sites.isEmpty()) {
            return Gain.NONE;
        }
        batch.copies.flush(); // the patient's records this intake has taken so far are part of its history
        return new Gain(Set.copyOf(sites), PatientHistory.of(batch.copies.connection(), owner.patientId()));
    }

    /** The patient's history to each site that sees it for the first time, the join that made it visible last. */
    private static void sendHistory(Batch batch, Gain gain, OutboundRecord join) {
        for (int site : gain.sites()) {
            gain.history().stream().filter(entry -> entry.originSiteId() != site)
                    .forEach(entry -> batch.add(site, entry.toOutbound()));
            batch.add(site, join);
        }
    }

    /** Sites that start to see a patient, and the patient's records they are due. */
    private record Gain(Set<Integer> sites, List<PatientHistory.Entry> history) {
        static final Gain NONE = new Gain(Set.of(), List.of());
    }

    /**
     * Where the records a transfer makes go (from the central: the responding site gets them as new) and where the
     * initiating half's lines go again (from the site that pushed them: now to the other store's sites too).
     */
    private static List<Routed> routed(Batch batch, TransferWork transfer) {
        List<Routed> routed = new ArrayList<>();
        for (TransferWork.Made made : transfer.made()) {
            DataType type = batch.registry.get(made.tableName());
            routed.add(new Routed(type, made.recordId(), made.storeId(), made.data().toString(), true,
                    RoutingPolicy.route(type, made.recordId(), made.data(), made.storeId(), null, Site.CENTRAL,
                            batch.routing)));
        }
        for (TransferWork.Resend resend : transfer.resends()) {
            DataType type = batch.registry.get(resend.tableName());
            routed.add(new Routed(type, resend.recordId(), resend.storeId(), resend.text(), false,
                    RoutingPolicy.route(type, resend.recordId(), CentralCopy.parse(resend.text()), resend.storeId(),
                            null, batch.siteId, batch.routing)));
        }
        return routed;
    }

    /** A record a transfer makes ({@code made}: written to the central copy as the central's) or sends again. */
    private record Routed(DataType type, String recordId, String storeId, String json, boolean made, Route route) {
    }

    private Optional<String> delete(Batch batch, DataType type, String recordId) {
        Optional<Verdict> verdict = OwnershipPolicy.checkDelete(type, recordId, batch.siteId, batch.facts);
        if (verdict.isEmpty()) {
            // Made and deleted between two syncs, or never sent: there is nothing to delete or route.
            return Optional.empty();
        }
        if (verdict.get() instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        Verdict.Accepted owner = (Verdict.Accepted) verdict.get();
        JsonObject last = CentralCopy.parse(batch.copies.data(type.tableName(), recordId).orElseThrow());
        Route route = RoutingPolicy.route(type, last, owner.storeId(), owner.patientId(), batch.siteId, batch.routing);
        batch.reserve(route, 0);
        batch.copies.delete(type.tableName(), recordId, batch.siteId);
        if (type.isVisibilityJoin()) {
            visibility.joinChanged(type, recordId, last, true);
        }
        send(batch, type, route, recordId, false, "delete", "{}");
        return Optional.empty();
    }

    private Optional<String> merge(Batch batch, DataType type, JsonObject merge) {
        String keep = text(merge, "mergeIdToKeep");
        String gone = text(merge, "mergeIdToDelete");
        if (keep == null || gone == null) {
            return Optional.of("merge needs mergeIdToKeep and mergeIdToDelete (texts) in recordData");
        }
        Verdict verdict = OwnershipPolicy.checkMerge(type, keep, gone, batch.siteId, batch.facts);
        if (verdict instanceof Verdict.Refused refusal) {
            return Optional.of(refusal.reason());
        }
        Verdict.Accepted owner = (Verdict.Accepted) verdict;
        JsonObject kept = CentralCopy.parse(batch.copies.data(type.tableName(), keep).orElseThrow());
        Route route = RoutingPolicy.route(type, kept, owner.storeId(), owner.patientId(), batch.siteId, batch.routing);
        batch.reserve(route, 0);
        batch.copies.delete(type.tableName(), gone, batch.siteId);
        JsonObject wire = JSON.createObjectBuilder().add("mergeIdToKeep", keep).add("mergeIdToDelete", gone).build();
        // Logged under the merged-away id: every merge into the same record is a change of its own.
        send(batch, type, route, gone, true, "merge", wire.toString());
        return Optional.empty();
    }

    private void send(Batch batch, DataType type, Route route, String recordId, boolean merge, String action, String data) {
        if (route.centralChangeLog()) {
            batch.centralChanges.add(new CentralChangeLog.Change(type.tableName(), recordId, merge, action, data,
                    batch.siteId, type.isDispensaryOnly()));
        }
        String wireId = merge ? CentralCopy.parse(data).getString("mergeIdToKeep") : recordId;
        for (int site : route.sites()) {
            batch.add(site, new OutboundRecord(type.tableName(), wireId, action, data));
        }
    }

    private static String text(JsonObject data, String field) {
        return data.get(field) instanceof JsonString value && !value.getString().isEmpty() ? value.getString() : null;
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

    /** The state of one intake: what it knows, what it decided, what it will send. */
    private static final class Batch {
        final int siteId;
        final Map<String, DataType> registry;
        final CentralCopies copies;
        final CentralFacts facts;
        final TransferSession transfers;
        final CentralRoutingFacts routing;
        final OutboundQueues.Budget budget;
        Map<String, Map<String, FieldType>> fieldTypes = Map.of();
        final Map<Integer, List<OutboundRecord>> outbound = new TreeMap<>();
        final List<Refusal> refused = new ArrayList<>();
        final List<CentralChangeLog.Change> centralChanges = new ArrayList<>();
        int accepted;
        /** Messages the records queued so far will take (OutboundQueues#send groups them by site). */
        int messages;

        Batch(int siteId, Map<String, DataType> registry, CentralCopies copies, CentralFacts facts,
              TransferSession transfers, CentralRoutingFacts routing, OutboundQueues.Budget budget) {
            this.siteId = siteId;
            this.registry = registry;
            this.copies = copies;
            this.facts = facts;
            this.transfers = transfers;
            this.routing = routing;
            this.budget = budget;
        }

        /**
         * Makes sure the record's messages fit in this transaction before anything of it is written; {@code extra}
         * is room for records a change of visibility may make due at one more site.
         */
        void reserve(Route route, int extra) {
            reserve(route, List.of(), Gain.NONE, extra);
        }

        /**
         * As {@link #reserve(Route, int)}, for the record, the records its transfer makes or sends again, and the
         * history of a patient it makes visible on new sites.
         */
        void reserve(Route route, List<Routed> transferRecords, Gain gain, int extra) {
            Map<Integer, Integer> records = new TreeMap<>();
            route.sites().forEach(site -> records.merge(site, 1, Integer::sum));
            transferRecords.forEach(routed -> routed.route().sites().forEach(site -> records.merge(site, 1, Integer::sum)));
            gain.sites().forEach(site -> records.merge(site, gain.history().size() + 1, Integer::sum));
            if (!budget.fits(messages, outbound, records, extra)) {
                throw new OverBudget(records.size(), budget.limit());
            }
        }

        void add(int site, OutboundRecord record) {
            List<OutboundRecord> queued = outbound.computeIfAbsent(site, s -> new ArrayList<>());
            if (budget.opensMessage(queued.size())) {
                messages++;
            }
            queued.add(record);
        }
    }

    /** A record whose messages would go over the broker's limit for this transaction. */
    private static final class OverBudget extends RuntimeException {
        OverBudget(int sites, int limit) {
            super("the record goes to " + sites + " sites: more messages than one transaction may send (at most "
                    + limit + ", supplysync.queue.max-messages-per-transaction)", null, false, false);
        }
    }
}
