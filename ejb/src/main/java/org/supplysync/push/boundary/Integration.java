package org.supplysync.push.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.push.control.IntegrationRequests;
import org.supplysync.record.boundary.IntakeReport;
import org.supplysync.record.boundary.RecordIntake;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.record.control.IncomingRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Integrates a site's closed push sessions in chunks, each its own transaction: the chunk's records are checked,
 * kept and routed, and exactly their buffer rows deleted, together. Parents before lines, in the order received,
 * across the closed sessions, so the newest version of a record is integrated last. One integration per site at a
 * time (a row lock nothing else takes). A chunk that fails is integrated again record by record, and a record that
 * fails alone is quarantined: it never holds up the rest of its site.
 */
@Stateless
public class Integration {

    private static final Logger LOG = Logger.getLogger(Integration.class.getName());
    private static final int KEYS_PER_DELETE = 40;
    /** A record that fails alone this often is quarantined: a deadlock or a lock timeout deserves another try. */
    private static final int ATTEMPTS_PER_RECORD = 3;

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    RecordIntake intake;

    @Inject
    Quarantine quarantine;

    @Inject
    IntegrationRequests requests;

    @Resource
    SessionContext context;

    @Inject
    @ConfigProperty(name = "supplysync.integration.chunk", defaultValue = "1000")
    int chunk;

    /** What one step of an integration found. */
    public enum Step { MORE, DONE, BUSY }

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
            if (step == Step.BUSY) {
                self.requestLater(siteId);
                return;
            }
            if (step == Step.DONE) {
                return;
            }
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
        List<BufferedRecord> taken = rows.subList(0, report.taken());
        delete(taken);
        quarantine.supersede(siteId, taken.stream().map(BufferedRecord::record).toList());
        return Step.MORE;
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
        return Step.MORE;
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
        List<BufferedRecord> rows = records("select received, table_name, record_id, action, data from push_buffer"
                + " where received = ?", received);
        if (rows.isEmpty()) {
            return true;
        }
        IntakeReport report = intake.intake(siteId, List.of(rows.get(0).record()));
        if (report.taken() == 0) {
            throw new IllegalStateException("the record could not be taken");
        }
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

    private List<BufferedRecord> closedRecords(int siteId, int limit) {
        Query query = em.createNativeQuery("""
                        select b.received, b.table_name, b.record_id, b.action, b.data
                        from push_buffer b join push_session s on s.site_id = b.site_id
                        where b.site_id = ? and b.session < s.open_session
                        order by b.is_line, b.received limit ?""")
                .setParameter(1, siteId).setParameter(2, limit);
        return toRecords(query.getResultList());
    }

    private List<BufferedRecord> records(String sql, long received) {
        return toRecords(em.createNativeQuery(sql).setParameter(1, received).getResultList());
    }

    @SuppressWarnings("unchecked")
    private static List<BufferedRecord> toRecords(List<?> rows) {
        return ((List<Object[]>) rows).stream().map(row -> new BufferedRecord(((Number) row[0]).longValue(),
                new IncomingRecord((String) row[1], (String) row[2], (String) row[3], toObject((String) row[4])),
                (String) row[4])).toList();
    }

    /** Deletes exactly these buffer rows: a newer version pushed meanwhile is a row of its own and stays. */
    private void delete(List<BufferedRecord> rows) {
        // In small statements: EclipseLink's handling of native-query parameters grows with their square.
        for (int from = 0; from < rows.size(); from += KEYS_PER_DELETE) {
            List<BufferedRecord> part = rows.subList(from, Math.min(rows.size(), from + KEYS_PER_DELETE));
            Query delete = em.createNativeQuery("delete from push_buffer where received in ("
                    + String.join(",", Collections.nCopies(part.size(), "?")) + ")");
            for (int i = 0; i < part.size(); i++) {
                delete.setParameter(i + 1, part.get(i).received());
            }
            delete.executeUpdate();
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
