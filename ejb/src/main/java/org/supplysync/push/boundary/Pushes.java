package org.supplysync.push.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.CompressedText;
import org.supplysync.platform.Sql;
import org.supplysync.push.control.BufferPieces;
import org.supplysync.push.control.IntegrationRequests;
import org.supplysync.push.control.PushBody;
import org.supplysync.record.boundary.Refusals;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes a site's pushed batches into the open session of its push buffer; the last batch ({@code queueLength} 0)
 * closes the session and asks for its integration. A batch is buffered as a few pieces ({@link BufferPieces}), each
 * kept once per session, so a retried batch adds nothing; a newer version pushed while an earlier session integrates
 * waits in the next one.
 */
@Stateless
public class Pushes {

    /** A piece pushed again into the same session (a retried batch) is already there: kept once. */
    private static final String BUFFER = "insert into push_buffer (site_id, session, integration_order, digest,"
            + " record_count, records_compressed) values (?, ?, ?, ?, ?, ?)"
            + " on duplicate key update record_count = record_count";

    @PersistenceContext
    EntityManager em;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    @Inject
    DataTypes dataTypes;

    @Inject
    Refusals refusals;

    @Inject
    IntegrationRequests integrationRequests;

    public PushReceipt receive(int siteId, PushBody body) {
        boolean last = body.queueLength() == 0;
        try (Connection db = dataSource.getConnection()) {
            // A batch still being written holds back the close of its session (shared lock; the close waits for it),
            // so no row ever lands in a session that is already closed. The last batch takes the lock it will need to
            // close the session straight away: two retried last batches taking shared locks first would deadlock.
            long session = openSession(db, siteId, last);
            buffer(db, siteId, session, body.rows());
            if (last) {
                Sql.update(db, "update push_session set open_session = open_session + 1 where site_id = ?", siteId);
            }
        } catch (SQLException e) {
            throw Sql.failure("buffering a push of site " + siteId, e);
        }
        refusals.record(siteId, body.refused());
        if (last) {
            integrationRequests.request(siteId);
        }
        return new PushReceipt(last, body.rows().size(), body.refused());
    }

    /** Whether the site has closed sessions not yet integrated (its status is then "integration_in_progress"). */
    public boolean integrating(int siteId) {
        return !em.createNativeQuery("""
                        select 1 from push_buffer b join push_session s on s.site_id = b.site_id
                        where b.site_id = ? and b.session < s.open_session limit 1""")
                .setParameter(1, siteId).getResultList().isEmpty();
    }

    /** The sites that are {@link #integrating}, in one query. */
    public Set<Integer> integratingSites() {
        List<?> sites = em.createNativeQuery("""
                        select s.site_id from push_session s where exists (
                            select 1 from push_buffer b where b.site_id = s.site_id and b.session < s.open_session)""")
                .getResultList();
        return sites.stream().map(site -> ((Number) site).intValue()).collect(Collectors.toSet());
    }

    /**
     * Puts one record (a quarantined or refused one an administrator sends again) into session 0 of the site, which
     * is closed, and asks for the site's integration.
     */
    public void requeue(int siteId, String tableName, String recordId, String action, String data) {
        DataType type = dataTypes.byTableName().get(tableName);
        try (Connection db = dataSource.getConnection()) {
            buffer(db, siteId, 0, List.of(new PushBody.Row(tableName, recordId, action, data == null ? "{}" : data,
                    BufferPieces.orderOf(type))));
        } catch (SQLException e) {
            throw Sql.failure("requeueing " + tableName + " " + recordId, e);
        }
        integrationRequests.request(siteId);
    }

    private static long openSession(Connection db, int siteId, boolean last) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select open_session from push_session where site_id = ?"
                + (last ? " for update" : " lock in share mode"))) {
            select.setInt(1, siteId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("site " + siteId + " has no push session");
                }
                return row.getLong(1);
            }
        }
    }

    /**
     * The rows as pieces, in the order received, each written (compressed) before the next is made (a piece is up to
     * a MB of text).
     */
    private static void buffer(Connection db, int siteId, long session, List<PushBody.Row> rows) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(BUFFER)) {
            BufferPieces.each(rows, piece -> {
                Sql.bind(insert, 1, siteId, session, piece.order(), piece.digest(), piece.records(),
                        CompressedText.compress(piece.text()));
                insert.executeUpdate();
            });
        }
    }
}
