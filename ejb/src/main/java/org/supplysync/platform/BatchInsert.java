package org.supplysync.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Rows of a plain {@code insert} as one JDBC batch, which MariaDB's driver sends as one bulk command
 * ({@code COM_STMT_BULK_EXECUTE}, the driver's {@code useBulkStmtsForInserts}, on by default): the values travel in the
 * binary protocol, so no text is escaped by the driver or parsed by the server per row. Measured with 50,000 invoice
 * lines into a table made like {@code sync_record}: about half the time of the same rows as multi-row statements,
 * a third less of MariaDB's CPU. Only for rows that cannot exist yet: a duplicate key fails the whole batch (and with
 * it the transaction), where an upsert ({@link MultiRowInsert}) would have overwritten the row.
 * <p>
 * The statement asks for no generated keys in so many words: Payara Server's pooled connection prepares
 * {@code prepareStatement(sql)} as {@code prepareStatement(sql, TYPE_FORWARD_ONLY, CONCUR_READ_ONLY)}, which MariaDB's
 * driver takes as a request for generated keys, and then it sends the batch one row per statement.
 */
public final class BatchInsert {

    private final String sql;

    /** @param sql "insert into t (a, b, c) values (?, ?, now(3))" */
    public BatchInsert(String sql) {
        this.sql = sql;
    }

    /** Inserts the rows, each an array of one value per {@code ?}. */
    public void write(Connection db, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = db.prepareStatement(sql, Statement.NO_GENERATED_KEYS)) {
            for (Object[] row : rows) {
                Sql.bind(insert, 1, row);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
