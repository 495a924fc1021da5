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
import org.supplysync.platform.CompressedText;
import org.supplysync.platform.Sql;
import org.supplysync.platform.TransientFailures;
import org.supplysync.push.control.BufferPieces;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Integrates a site's closed push sessions in chunks, each its own transaction: the chunk's records are checked,
 * kept and routed, and marked integrated in the buffer, together. Parents before lines, in the order received,
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
        integrated(taken);
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
                    if (!self.integrateOne(siteId, row)) {
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

    /**
     * Integrates one buffered record on its own, unless it was integrated meanwhile; false when another integration
     * of the site holds the lock. A piece's text never changes, so the record as {@link #peek} read it is the record:
     * only how far its piece got is read again.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean integrateOne(int siteId, BufferedRecord row) {
        if (!lock(siteId)) {
            return false;
        }
        try (Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(
                "select integrated from push_buffer where received = ?")) {
            select.setLong(1, row.piece());
            try (ResultSet piece = select.executeQuery()) {
                if (!piece.next() || piece.getInt(1) > row.index()) {
                    return true;
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the push buffer", e);
        }
        IntakeReport report = intake.intake(siteId, List.of(row.record()));
        if (report.taken() == 0) {
            throw new IllegalStateException("the record could not be taken");
        }
        syncSessions.refusedInIntegration(siteId, report.refused().size());
        integrated(List.of(row));
        quarantine.supersede(siteId, List.of(row.record()));
        return true;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void quarantineOne(int siteId, BufferedRecord row, RuntimeException failure) {
        quarantine.add(siteId, row.record(), row.data(), describe(failure));
        integrated(List.of(row));
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
     * The next chunk of the site's closed sessions: patients and prescribers first, then the other parents, then
     * lines, each oldest first (the pieces' integration order). A site sends each record once, where its latest
     * change falls (as Open mSupply's de-duplicated change log does), so a new patient edited again before the sync
     * comes after the join that makes it visible in its home store; the join needs the patient's home store.
     * Which pieces are read first, without their text; then the text of those the chunk needs.
     */
    private List<BufferedRecord> closedRecords(int siteId, int limit) {
        List<Unread> pieces = new ArrayList<>();
        try (Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement("""
                select b.received, b.record_count, b.integrated
                from push_buffer b join push_session s on s.site_id = b.site_id
                where b.site_id = ? and b.session < s.open_session
                order by b.integration_order, b.received limit ?""")) {
            Sql.bind(select, 1, siteId, limit);
            try (ResultSet row = select.executeQuery()) {
                int records = 0;
                while (records < limit && row.next()) {
                    Unread piece = new Unread(row.getLong(1), row.getInt(2), row.getInt(3));
                    pieces.add(piece);
                    records += piece.count() - piece.integrated();
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the push buffer", e);
        }
        return records(pieces, limit);
    }

    /**
     * The records of these pieces not integrated yet, at most {@code limit}; each record's text is parsed here, once,
     * and kept as it is for what is written.
     */
    private List<BufferedRecord> records(List<Unread> pieces, int limit) {
        List<BufferedRecord> records = new ArrayList<>();
        if (pieces.isEmpty()) {
            return records;
        }
        Map<Long, String> texts = new HashMap<>();
        try (Connection db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(
                "select received, records, records_compressed from push_buffer where received in ("
                        + Sql.placeholders(pieces.size()) + ")")) {
            Sql.bind(select, 1, pieces.stream().map(Unread::piece).toArray());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    // Compressed, or as text when an older version buffered it.
                    String text = row.getString(2);
                    texts.put(row.getLong(1), text != null ? text : CompressedText.uncompress(row.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("reading the push buffer", e);
        }
        for (Unread piece : pieces) {
            String text = texts.get(piece.piece());
            if (text == null) {
                continue;
            }
            int index = piece.integrated();
            for (BufferPieces.Line line : BufferPieces.lines(text, index, limit - records.size())) {
                records.add(new BufferedRecord(piece.piece(), index++, piece.count(), new IncomingRecord(
                        line.tableName(), line.recordId(), line.action(), toObject(line.data()), line.data()),
                        line.data()));
            }
        }
        return records;
    }

    /**
     * Marks these records integrated (they are, in order, the next records of their pieces): a piece whose last
     * record they reach is deleted, another remembers how far it got. A newer version pushed meanwhile is in a
     * piece of its own and stays.
     */
    private void integrated(List<BufferedRecord> rows) {
        Map<Long, BufferedRecord> lastOfPiece = new LinkedHashMap<>();
        rows.forEach(row -> lastOfPiece.put(row.piece(), row));
        List<Long> done = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            for (BufferedRecord last : lastOfPiece.values()) {
                if (last.index() + 1 >= last.pieceRecords()) {
                    done.add(last.piece());
                } else {
                    Sql.update(db, "update push_buffer set integrated = greatest(integrated, ?) where received = ?",
                            last.index() + 1, last.piece());
                }
            }
            Sql.deleteIn(db, "push_buffer", "received", done);
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

    /** One buffered record: record {@code index} of a piece of {@code pieceRecords}, and the text it was pushed as. */
    public record BufferedRecord(long piece, int index, int pieceRecords, IncomingRecord record, String data) {
    }

    /** A piece of the push buffer, its text not read yet: how many records it holds, how many are integrated. */
    private record Unread(long piece, int count, int integrated) {
    }
}
