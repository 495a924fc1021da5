package org.supplysync.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Many rows of one insert as few statements: {@code insert ... values (...), (...), ... [on duplicate key update ...]}.
 * <p>
 * Why not a JDBC batch: MariaDB's driver sends a batch of plain inserts as one bulk, but a batch of
 * {@code insert ... on duplicate key update} (or {@code insert ignore}) one statement per row, each parsed by the
 * server on its own: before MariaDB 11.5 the server cannot report a bulk's rows one by one, and the driver's rewrite
 * into multi-row statements refuses statements that use {@code values()} in their update. Measured on the push path,
 * a batch of 1,000 rows made 1,000 round trips and 1,000 parses. Rows keep their order, so a later row of the same
 * key updates an earlier one, as in a batch.
 * <p>
 * A statement holds at most {@value #ROWS_PER_STATEMENT} rows and about {@value #TEXT_PER_STATEMENT} characters of
 * text (a row longer than that goes alone, as it did in a batch): even as four-byte UTF-8 with every character
 * escaped, inside MariaDB's default {@code max_allowed_packet} of 16 MiB.
 */
public final class MultiRowInsert {

    static final int ROWS_PER_STATEMENT = 250;
    static final int TEXT_PER_STATEMENT = 1024 * 1024;

    private final String head;
    private final String row;
    private final String tail;
    private final int columns;

    /**
     * @param head "insert into t (a, b, c) values"
     * @param row  one row's values with a {@code ?} per parameter, e.g. "(?, ?, now(3))"
     * @param tail what follows the rows ("" or " on duplicate key update ...")
     */
    public MultiRowInsert(String head, String row, String tail) {
        this.head = head;
        this.row = row;
        this.tail = tail;
        this.columns = (int) row.chars().filter(c -> c == '?').count();
    }

    /** Writes the rows (each an array of one value per {@code ?} of a row) in as few statements as the limits allow. */
    public void write(Connection db, List<Object[]> rows) throws SQLException {
        for (List<Object[]> piece : pieces(rows)) {
            execute(db, piece);
        }
    }

    /** Consecutive pieces of the rows, each within the limits of one statement (a row too long alone is one piece). */
    static List<List<Object[]>> pieces(List<Object[]> rows) {
        List<List<Object[]>> pieces = new ArrayList<>();
        int from = 0;
        while (from < rows.size()) {
            int to = from;
            long text = 0;
            while (to < rows.size() && to - from < ROWS_PER_STATEMENT) {
                long next = textOf(rows.get(to));
                if (to > from && text + next > TEXT_PER_STATEMENT) {
                    break;
                }
                text += next;
                to++;
            }
            pieces.add(rows.subList(from, to));
            from = to;
        }
        return pieces;
    }

    private void execute(Connection db, List<Object[]> piece) throws SQLException {
        StringBuilder sql = new StringBuilder(head.length() + tail.length() + piece.size() * (row.length() + 2));
        sql.append(head).append(' ');
        for (int i = 0; i < piece.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        sql.append(tail);
        try (PreparedStatement insert = db.prepareStatement(sql.toString())) {
            int index = 1;
            for (Object[] values : piece) {
                if (values.length != columns) {
                    throw new IllegalArgumentException("a row of " + values.length + " values for " + columns
                            + " parameters: " + head);
                }
                index = Sql.bind(insert, index, values);
            }
            insert.executeUpdate();
        }
    }

    private static long textOf(Object[] values) {
        long length = 16;
        for (Object value : values) {
            length += value instanceof String text ? text.length() : 8;
        }
        return length;
    }
}
