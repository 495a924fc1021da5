package org.supplysync.client.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rows of the server's database that the campaign locks from a connection of its own, as an operator's long query or
 * another request would: a request of the server that needs one of them waits inside its open transaction until the
 * lock goes. So a kill lands while a push, a pull or an integration is provably under way, not a few milliseconds
 * after it ended: the database's process list shows the statement that waits for the held row. The locks go
 * with the campaign's transaction ({@link #release()}), or with the database when mariadbd is the victim; InnoDB gives
 * up a wait after {@code innodb_lock_wait_timeout} (50 s by default), so the kill follows within seconds.
 */
public final class HeldRows implements AutoCloseable {

    /** The server's database, as the campaign reaches it. */
    public record Database(String url, String user, String password) {
    }

    /** A statement of the server executing now, as the database's process list shows it. */
    public record Wait(String query, long seconds) {

        public String describe() {
            return "executing for " + seconds + " s in its open transaction: " + query;
        }
    }

    private final Connection db;

    public HeldRows(Database database) throws SQLException {
        db = DriverManager.getConnection(database.url(), database.user(), database.password());
        db.setAutoCommit(false);
        // Record locks only, no gap locks: the server's inserts next to a held row go on.
        db.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    /** Locks the site's row of a table keyed by site ({@code push_session}, {@code site_queue}) until released. */
    void hold(String table, int siteId) throws SQLException {
        hold(table, "site_id", siteId);
    }

    /** Locks the row of a table by its one-column primary key ({@code job_run} by {@code run_id}) until released. */
    public void hold(String table, String keyColumn, long key) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("select " + keyColumn + " from " + table + " where "
                + keyColumn + " = ? for update")) {
            lock.setLong(1, key);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException(table + " has no row " + key);
                }
            }
        }
    }

    /** The run ({@code job_run}) whose current execution this is. */
    long runOf(long execution) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("select run_id from job_run where execution_id = ?")) {
            select.setLong(1, execution);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no job run has execution " + execution);
                }
                return row.getLong(1);
            }
        }
    }

    /**
     * The statements the server's connections are executing now. InnoDB's own tables of lock waits do not list every
     * transaction of the server's pool (an XA branch waiting on a held row was missing from them), so the waits are read
     * from the process list: a statement that needs a row the campaign holds cannot end before the lock goes.
     */
    public List<Wait> waits() throws SQLException {
        List<Wait> waits = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("""
                select info, time from information_schema.processlist
                where id <> connection_id() and command = 'Query' and info is not null""");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                waits.add(new Wait(row.getString(1).replaceAll("\\s+", " ").trim(), row.getLong(2)));
            }
        }
        return waits;
    }

    /**
     * The statement of the server that needs the held row with this key, starting so (a pull's {@code select ... for
     * update} of its queue row, an integration's {@code update} of it), if one executes now.
     */
    public static Optional<Wait> waitFor(List<Wait> waits, String keyColumn, long key, String statement) {
        Pattern row = Pattern.compile("\\bwhere " + keyColumn + " = " + key + "\\b");
        return waits.stream().filter(w -> {
            String query = w.query().toLowerCase(Locale.ROOT);
            return query.startsWith(statement) && row.matcher(query).find();
        }).findFirst();
    }

    /** Lets the held rows go; quietly, as the database may be gone with the kill. */
    public void release() {
        try {
            db.rollback();
        } catch (SQLException gone) {
            // mariadbd was the victim: the locks went with it.
        }
    }

    @Override
    public void close() {
        release();
        try {
            db.close();
        } catch (SQLException gone) {
            // As above.
        }
    }
}
