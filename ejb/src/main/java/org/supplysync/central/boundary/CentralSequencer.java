package org.supplysync.central.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The one stamper of the central change log: gives committed central changes their cursor, in the order it finds
 * them, one pass at a time (the counter row is locked for the pass; readers never take that lock, they never stamp).
 * Rows of transactions still open are invisible or locked, so they are skipped now and stamped by a later pass, above
 * every cursor handed out before: a reader never passes a change that commits late.
 *
 * <p>Writers call {@link #stampCommittedChanges()} after their transaction commits (the integration after each chunk,
 * the admin API's resources after the call); {@link CentralStamping} does it after any commit that logged a central
 * change and, every second, for a writer that died between its commit and its call.
 */
@Stateless
public class CentralSequencer {

    /** Rows stamped in one pass at most; {@link #stampCommittedChanges()} says when there may be more. */
    static final int PASS = 5000;

    @Resource(lookup = "jdbc/supplysync")
    DataSource dataSource;

    /** Stamps up to {@link #PASS} committed unstamped changes in a transaction of its own; returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int stampCommittedChanges() {
        try (Connection db = dataSource.getConnection()) {
            if (!anyUnstamped(db)) {
                return 0;
            }
            long last;
            try (PreparedStatement lock = db.prepareStatement(
                    "select last_cursor from central_sequence where id = 1 for update");
                 ResultSet row = lock.executeQuery()) {
                row.next();
                last = row.getLong(1);
            }
            int stamped = 0;
            // In index order, not by time: any order of committed changes is right (each gets a cursor above every
            // one handed out), and sorting the whole backlog on each pass made a large backlog cost passes x backlog.
            try (PreparedStatement unstamped = db.prepareStatement("""
                    select table_name, record_id, is_merge from central_change where cursor_id is null
                    limit ? for update skip locked""");
                 PreparedStatement stamp = db.prepareStatement(
                         "update central_change set cursor_id = ? where table_name = ? and record_id = ? and is_merge = ?")) {
                unstamped.setInt(1, PASS);
                try (ResultSet rows = unstamped.executeQuery()) {
                    while (rows.next()) {
                        stamp.setLong(1, ++last);
                        stamp.setString(2, rows.getString(1));
                        stamp.setString(3, rows.getString(2));
                        stamp.setBoolean(4, rows.getBoolean(3));
                        stamp.addBatch();
                        stamped++;
                    }
                }
                if (stamped > 0) {
                    stamp.executeBatch();
                }
            }
            if (stamped > 0) {
                try (PreparedStatement counter = db.prepareStatement(
                        "update central_sequence set last_cursor = ? where id = 1")) {
                    counter.setLong(1, last);
                    counter.executeUpdate();
                }
            }
            return stamped;
        } catch (SQLException e) {
            throw new IllegalStateException("could not stamp the central change log", e);
        }
    }

    /** Whether a pass has anything to do, read without a lock: NULL cursors come first in the cursor index. */
    private static boolean anyUnstamped(Connection db) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(
                "select 1 from central_change where cursor_id is null limit 1");
             ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }
}
