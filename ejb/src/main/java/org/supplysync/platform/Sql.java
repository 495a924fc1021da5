package org.supplysync.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * Plain JDBC for the paths records go through by the thousand (push, integration, pull): a connection of the
 * container's data source, inside the caller's JTA transaction, the same one the persistence context uses.
 */
public final class Sql {

    private static final int KEYS_PER_STATEMENT = 1000;
    /** MariaDB's ER_DUP_ENTRY. */
    private static final int DUPLICATE_KEY = 1062;

    private Sql() {
    }

    /** One statement with these parameters; the rows it changed. */
    public static int update(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, 1, parameters);
            return statement.executeUpdate();
        }
    }

    /**
     * Sets the parameters from {@code first} on, in order. Texts, numbers and flags by their own setters: MariaDB's
     * driver finds the codec of a {@code setObject} by asking each of its codecs in turn, a cost paid for every value
     * of every row the intake writes.
     */
    public static int bind(PreparedStatement statement, int first, Object... parameters) throws SQLException {
        int index = first;
        for (Object parameter : parameters) {
            if (parameter instanceof String text) {
                statement.setString(index++, text);
            } else if (parameter instanceof Integer number) {
                statement.setInt(index++, number);
            } else if (parameter instanceof Long number) {
                statement.setLong(index++, number);
            } else if (parameter instanceof Boolean flag) {
                statement.setBoolean(index++, flag);
            } else {
                statement.setObject(index++, parameter);
            }
        }
        return index;
    }

    /** "?, ?, ?": the placeholders of an {@code in (...)} list of this many values. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** Runs {@code action} on consecutive pieces of at most {@code size} of the list. */
    public static <T> void inPieces(List<T> list, int size, Piece<T> action) throws SQLException {
        for (int from = 0; from < list.size(); from += size) {
            action.run(list.subList(from, Math.min(list.size(), from + size)));
        }
    }

    /** Deletes the table's rows whose {@code column} is one of the keys, a statement per thousand keys. */
    public static void deleteIn(Connection db, String table, String column, List<?> keys) throws SQLException {
        inPieces(keys, KEYS_PER_STATEMENT, piece -> update(db, "delete from " + table + " where " + column + " in ("
                + placeholders(piece.size()) + ")", piece.toArray()));
    }

    /** A DATETIME the application wrote in UTC (utc_timestamp), as ISO-8601 text; null stays null. */
    public static String utcText(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC).toString();
        }
        if (value instanceof java.time.LocalDateTime time) {
            return time.toInstant(java.time.ZoneOffset.UTC).toString();
        }
        return value == null ? null : value.toString();
    }

    /** Whether the failure, or one it carries, is MariaDB's duplicate key (1062), a batch's included. */
    public static boolean isDuplicateKey(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException failure && failure.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return e.getNextException() != null && isDuplicateKey(e.getNextException());
    }

    /** A failure of the database, as the application reports it (the transaction rolls back). */
    public static IllegalStateException failure(String doing, SQLException e) {
        return new IllegalStateException(doing + ": " + e.getMessage(), e);
    }

    /** Work on a piece of a list. */
    @FunctionalInterface
    public interface Piece<T> {
        void run(List<T> piece) throws SQLException;
    }
}
