package org.supplysync.resync.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;
import org.supplysync.platform.Jsons;
import org.supplysync.platform.Sql;
import org.supplysync.record.control.CentralCopies;
import org.supplysync.record.control.CentralFacts;
import org.supplysync.resync.control.PatientResend;
import org.supplysync.resync.control.Query;
import org.supplysync.routing.control.CentralRoutingFacts;
import org.supplysync.routing.control.OutboundQueues;
import org.supplysync.routing.control.OutboundRecord;
import org.supplysync.routing.control.Route;
import org.supplysync.routing.control.RoutingPolicy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a site must hold of the central copy, decided by {@link RoutingPolicy} exactly as the intake decides where a
 * change goes (one definition of "who gets what"), with no site's own records left out: a (re)initialised site gets
 * them back. Only what the central holds can be sent: a record kept as a skeleton (its store's central copy is a
 * transfer copy) or deleted is not. Central data is not here: a site reads it through the central change log (a
 * patient resend alone sends the dispensary reference data through the queue again, on purpose).
 */
@Stateless
public class Holdings {

    /** No site pushed it: routing leaves nothing out because it came from there. */
    private static final int NO_ORIGIN = 0;

    /** Kinds whose records go to sites' queues; a patient's record of any table (a patient's name) does too. */
    private static final Set<DataTypeKind> QUEUED = EnumSet.of(DataTypeKind.CENTRAL_STORE, DataTypeKind.STORE,
            DataTypeKind.PATIENT, DataTypeKind.MESSAGE);

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    DataTypes dataTypes;

    @Inject
    OutboundQueues outboundQueues;

    /** How many records of the central copy a scan examines: the total of a resync's progress. */
    public long candidates() {
        return candidates(Selection.everythingFor(NO_ORIGIN));
    }

    /** How many records of the central copy a scan for the selection examines. */
    public long candidates(Selection selection) {
        try (Connection db = dataSource.getConnection()) {
            Query candidates = candidates(db, selection, dataTypes.byTableName());
            try (PreparedStatement count = db.prepareStatement("select count(*) from sync_record where held and not deleted"
                    + " and " + candidates.sql())) {
                Sql.bind(count, 1, candidates.parameters().toArray());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("counting the central copy", e);
        }
    }

    /**
     * The next page of records the selection wants, after {@code after}, in the caller's transaction. The rows are
     * read with shared locks, held until that transaction ends: an intake changing one of them waits and queues its
     * newer version after this page's, so an older snapshot never overtakes an update routed while the resync runs.
     */
    public HoldingsPage page(Selection selection, Position after, int limit) {
        Map<String, DataType> registry = dataTypes.byTableName();
        try (Connection db = dataSource.getConnection()) {
            Query candidates = candidates(db, selection, registry);
            CentralCopies copies = new CentralCopies(db);
            CentralFacts facts = new CentralFacts(em, copies, registry.values());
            CentralRoutingFacts routing = new CentralRoutingFacts(em, facts, copies, registry);
            List<OutboundRecord> wanted = new ArrayList<>();
            Position last = after;
            int examined = 0;
            try (PreparedStatement select = db.prepareStatement("""
                    select table_name, record_id, store_id, patient_id, data from sync_record
                    where held and not deleted and ((table_name = ? and record_id > ?) or table_name > ?)
                      and %s
                    order by table_name, record_id limit ? lock in share mode""".formatted(candidates.sql()))) {
                int next = Sql.bind(select, 1, after.tableName(), after.recordId(), after.tableName());
                next = Sql.bind(select, next, candidates.parameters().toArray());
                select.setInt(next, limit);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        examined++;
                        last = new Position(row.getString(1), row.getString(2));
                        DataType type = registry.get(last.tableName());
                        String text = row.getString(5);
                        if (type != null && wants(selection, type, Jsons.parse(text), row.getString(3),
                                row.getString(4), routing)) {
                            wanted.add(new OutboundRecord(last.tableName(), last.recordId(), "update", text));
                        }
                    }
                }
            }
            return new HoldingsPage(wanted, last, examined, examined < limit);
        } catch (SQLException e) {
            throw Sql.failure("reading the central copy for site " + selection.siteId(), e);
        }
    }

    /** Queues the records for the site, in the caller's transaction (a chunk's, with its progress). */
    public void queue(int siteId, List<OutboundRecord> records) {
        outboundQueues.send(siteId, records);
    }

    private static boolean wants(Selection selection, DataType type, JsonObject data, String storeId, String patientId,
                                 CentralRoutingFacts routing) {
        if (selection.scope() == Selection.Scope.PATIENTS) {
            return PatientResend.wants(selection.siteId(), type, data, storeId, patientId, routing);
        }
        Route route = RoutingPolicy.route(type, data, storeId, patientId, NO_ORIGIN, routing);
        if (!route.sites().contains(selection.siteId())) {
            return false;
        }
        if (selection.storeId() == null) {
            return true;
        }
        return patientId != null
                ? routing.storesSeeing(patientId).contains(selection.storeId())
                : RoutingPolicy.storesOf(type, data, storeId, routing).contains(selection.storeId());
    }

    /** The rows a scan for the selection examines, as a condition on {@code sync_record}. */
    private static Query candidates(Connection db, Selection selection, Map<String, DataType> registry)
            throws SQLException {
        if (selection.scope() == Selection.Scope.PATIENTS) {
            return PatientResend.candidates(registry.values(), selection.storeId(),
                    placedIn(db, registry, selection.storeId()));
        }
        List<String> tables = queuedTables(registry);
        return new Query("(patient_id is not null or table_name in ("
                + Sql.placeholders(tables.size()) + "))", List.copyOf(tables));
    }

    /** The prescribers (patients) placed in the store by a join of their own, not by the visibility index. */
    private static Set<String> placedIn(Connection db, Map<String, DataType> registry, String storeId)
            throws SQLException {
        Set<String> placed = new HashSet<>();
        for (DataType join : PatientResend.storeJoins(registry.values())) {
            Query query = PatientResend.placedBy(join, storeId);
            try (PreparedStatement select = db.prepareStatement(query.sql())) {
                Sql.bind(select, 1, query.parameters().toArray());
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        if (row.getString(1) != null) {
                            placed.add(row.getString(1));
                        }
                    }
                }
            }
        }
        return placed;
    }

    private static List<String> queuedTables(Map<String, DataType> registry) {
        return registry.values().stream().filter(type -> QUEUED.contains(type.type())).map(DataType::tableName)
                .sorted().toList();
    }
}
