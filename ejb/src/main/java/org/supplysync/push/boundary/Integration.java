package org.supplysync.push.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.central.boundary.CentralSequencer;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.Sql;
import org.supplysync.platform.TransientFailures;
import org.supplysync.push.control.IntegrationRequests;
import org.supplysync.record.boundary.IntakeReport;
import org.supplysync.record.boundary.RecordIntake;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.record.control.IncomingRecord;
import org.supplysync.site.boundary.SyncSessions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Integrates a site's closed push sessions in chunks, each its own transaction: the chunk's records are checked,
 * kept and routed, and exactly their buffer rows deleted, together. Parents before lines, in the order received,
 * across the closed sessions, so the newest version of a record is integrated last. One integration per site at a
 * time (a row lock nothing else takes). A chunk that fails is integrated again record by record, and a record that
 * fails alone is quarantined: it never holds up the rest of its site. A failure that is not the record's (the database
 * unreachable, a lock held too long) quarantines nothing: the integration comes back later.
 */
@Stateless
public class Integration {

    private static final Logger LOG = Logger.getLogger(Integration.class.getName());
    /** A record that fails alone this often is quarantined: a deadlock or a lock timeout deserves another try. */
    private static final int ATTEMPTS_PER_RECORD = 3;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    DataTypes dataTypes;

    @Inject
    RecordIntake intake;

    @Inject
    Quarantine quarantine;

    @Inject
    IntegrationRequests requests;

    @Inject
    CentralSequencer sequencer;

    @Inject
    SyncSessions syncSessions;

    @Resource
    SessionContext context;

    @Inject
    @ConfigProperty(name = "supplysync.integration.chunk", defaultValue = "1000")
    int chunk;

    /** What one step of an integration found: LOGGED is MORE, having written central changes. */
    public enum Step { MORE, LOGGED, DONE, BUSY }

    /** Integrates everything the site's closed sessions hold, outside any transaction of the caller's. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void integrate(int siteId) {
        Integration self = context.getBusinessObject(Integration.class);
        while (true) {
            Step step;
            try {
                step = self.integrateNextChunk(siteId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a chunk of site " + siteId + " failed; integrating it record by record", e);
                step = self.isolateNextChunk(siteId);
            }
            if (step == Step.LOGGED) {
                stampCentralChanges(siteId);
            }
            if (step == Step.BUSY) {
                self.requestLater(siteId);
                return;
            }
            if (step == Step.DONE) {
                return;
            }
        }
    }

    /**
     * The chunk has committed: its central changes get their cursors now, so central_records readers see them at
     * once. Should that fail, the sequencer's own pass stamps them a moment later.
     */
    private void stampCentralChanges(int siteId) {
        try {
            sequencer.stampCommittedChanges();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not stamp the central changes of site " + siteId + " yet", e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void requestLater(int siteId) {
        requests.requestLater(siteId);
    }

    /** Integrates the next chunk of the site's closed sessions. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Step integrateNextChunk(int siteId) {
        if (!lock(siteId)) {
            return Step.BUSY;
        }
        List<BufferedRecord> rows = closedRecords(siteId, chunk);
        if (rows.isEmpty()) {
            return Step.DONE;
        }
        IntakeReport report = intake.intake(siteId, rows.stream().map(BufferedRecord::record).toList());
        syncSessions.refusedInIntegration(siteId, report.refused().size());
        List<BufferedRecord> taken = rows.subList(0, report.taken());
        delete(taken);
        quarantine.supersede(siteId, taken.stream().map(BufferedRecord::record).toList());
        return report.centralChanges() > 0 ? Step.LOGGED : Step.MORE;
    }

    /**
     * Integrates the next chunk one record at a time, quarantining each record that fails alone. BUSY when another
     * integration of the site took over, or when not even a quarantine could be written (the database is gone?):
     * the request then comes back later.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Step isolateNextChunk(int siteId) {
        Integration self = context.getBusinessObject(Integration.class);
        for (BufferedRecord row : self.peek(siteId)) {
            RuntimeException failure = null;
            for (int attempt = 0; attempt < ATTEMPTS_PER_RECORD; attempt++) {
                try {
                    if (!self.integrateOne(siteId, row.received())) {
                        return Step.BUSY;
                    }
                    failure = null;
                    break;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null && TransientFailures.isTransient(failure)) {
                // Not the record's fault (the database is restarting, a lock is held): it stays buffered, and the
                // integration comes back later instead of quarantining an accepted record.
                LOG.log(Level.WARNING, "integration of site " + siteId + " goes on later: " + failure.getMessage());
                return Step.BUSY;
            }
            if (failure != null) {
                try {
                    self.quarantineOne(siteId, row, failure);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "could not quarantine " + row.record().tableName() + " "
                            + row.record().recordId() + " of site " + siteId, e);
                    return Step.BUSY;
                }
            }
        }
        return Step.LOGGED;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<BufferedRecord> peek(int siteId) {
        return closedRecords(siteId, chunk);
    }

    /** Integrates one buffered record on its own; false when another integration of the site holds the lock. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean integrateOne(int siteId, long received) {
        if (!lock(siteId)) {
            return false;
        }
        List<BufferedRecord> rows = read("select received, table_name, record_id, action, data from push_buffer"
                + " where received = ?", received);
        if (rows.isEmpty()) {
            return true;
        }
        IntakeReport report = intake.intake(siteId, List.of(rows.get(0).record()));
        if (report.taken() == 0) {
            throw new IllegalStateException("the record could not be taken");
        }
        syncSessions.refusedInIntegration(siteId, report.refused().size());
        delete(rows);
        quarantine.supersede(siteId, List.of(rows.get(0).record()));
        return true;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void quarantineOne(int siteId, BufferedRecord row, RuntimeException failure) {
        quarantine.add(siteId, row.record(), row.data(), describe(failure));
        delete(List.of(row));
    }

    /**
     * Takes the site's integration lock for this transaction, if no other integration holds it. Plain JDBC in the
     * same transaction: a refused lock is an answer here, and must not mark the transaction for rollback.
     */
    private boolean lock(int siteId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lock = connection.prepareStatement(
                     "select site_id from integration_lock where site_id = ? for update nowait")) {
            lock.setInt(1, siteId);
            lock.executeQuery().close();
            return true;
        } catch (SQLException e) {
            LOG.fine(() -> "integration of site " + siteId + " is busy: " + e.getMessage());
            return false;
        }
    }

    /**
     * The next chunk of the site's closed sessions: parents before lines, oldest first; within the chunk, the records
     * that are patients or prescribers themselves before the rest. A site sends each record once, where its latest
     * change falls (as Open mSupply's de-duplicated change log does), so a new patient edited again before the sync
     * comes after the join that makes it visible in its home store; the join needs the patient's home store.
     */
    private List<BufferedRecord> closedRecords(int siteId, int limit) {
        List<BufferedRecord> rows = read("""
                select b.received, b.table_name, b.record_id, b.action, b.data
                from push_buffer b join push_session s on s.site_id = b.site_id
                where b.site_id = ? and b.session < s.open_session
                order by b.is_line, b.received limit ?""", siteId, limit);
        Map<String, DataType> registry = dataTypes.byTableName();
        rows.sort(Comparator.comparing(row -> !definesPatient(registry.get(row.record().tableName()))));
        return rows;
    }

    private static boolean definesPatient(DataType type) {
        return type != null && !type.isLine() && type.canBePatient();
    }

    /** Buffered records; each record's text is parsed here, once, and kept as it is for what is written. */
    private List<BufferedRecord> read(String sql, Object... parameters) {
        List<BufferedRecord> rows = new ArrayList<>();
        try (Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(sql)) {
            Sql.bind(select, 1, parameters);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String data = row.getString(5);
                    rows.add(new BufferedRecord(row.getLong(1), new IncomingRecord(row.getString(2), row.getString(3),
                            row.getString(4), toObject(data), data), data));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the push buffer", e);
        }
        return rows;
    }

    /** Deletes exactly these buffer rows: a newer version pushed meanwhile is a row of its own and stays. */
    private void delete(List<BufferedRecord> rows) {
        try (Connection db = dataSource.getConnection()) {
            Sql.deleteIn(db, "push_buffer", "received", rows.stream().map(BufferedRecord::received).toList());
        } catch (SQLException e) {
            throw Sql.failure("emptying the push buffer", e);
        }
    }

    /** The failure as administrators read it: the innermost cause says what went wrong. */
    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    private static JsonObject toObject(String json) {
        try {
            return CentralCopy.parse(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** One buffered record, with its buffer key and the text it was pushed as. */
    public record BufferedRecord(long received, IncomingRecord record, String data) {
    }
}
