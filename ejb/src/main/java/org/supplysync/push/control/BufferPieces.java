package org.supplysync.push.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.platform.Jsons;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * How the push buffer keeps records: in pieces of one integration order each, a piece the text of up to
 * {@value #MAX_RECORDS} records, one line per record (the envelope as a JSON array, a tab, then recordData as the site
 * sent it). A pushed batch becomes one to a few pieces, each written, read and deleted as one row.
 */
public final class BufferPieces {

    /** Records that can be patients or prescribers themselves: before anything that names them. */
    public static final int PATIENTS = 0;
    /** Every other record that is not a line. */
    public static final int PARENTS = 1;
    /** Lines: after every parent of the site's closed sessions. */
    public static final int LINES = 2;

    /** At most this many records a piece: an integration chunk then reads whole pieces. */
    static final int MAX_RECORDS = 1000;
    /** About this much text a piece, well inside MariaDB's default max_allowed_packet even escaped. */
    static final int MAX_TEXT = 1_000_000;

    private BufferPieces() {
    }

    /** One piece: its integration order, its records as text, and the digest that recognises it pushed again. */
    public record Piece(int order, int records, String text) {

        public byte[] digest() {
            try {
                return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java platform", e);
            }
        }
    }

    /** One record read back from a piece. */
    public record Line(String tableName, String recordId, String action, String data) {
    }

    /** Where a record of this type integrates (an unknown type integrates with the parents, and is refused there). */
    public static int orderOf(DataType type) {
        if (type != null && type.isLine()) {
            return LINES;
        }
        return type != null && type.canBePatient() ? PATIENTS : PARENTS;
    }

    /**
     * Hands the rows' pieces over one at a time, grouped by integration order, each group in the order received: a
     * piece can be written and dropped before the next is made, so a batch of megabytes is not held twice over.
     */
    public static <E extends Exception> void each(List<PushBody.Row> rows, PieceWriter<E> writer) throws E {
        for (int order = PATIENTS; order <= LINES; order++) {
            StringBuilder text = new StringBuilder();
            int records = 0;
            for (PushBody.Row row : rows) {
                if (row.order() != order) {
                    continue;
                }
                String line = line(row.tableName(), row.recordId(), row.action(), row.data());
                if (records > 0 && (records == MAX_RECORDS || text.length() + line.length() > MAX_TEXT)) {
                    writer.write(new Piece(order, records, text.toString()));
                    text.setLength(0);
                    records = 0;
                }
                if (records > 0) {
                    text.append('\n');
                }
                text.append(line);
                records++;
            }
            if (records > 0) {
                writer.write(new Piece(order, records, text.toString()));
            }
        }
    }

    /** What takes the pieces of {@link #each}. */
    @FunctionalInterface
    public interface PieceWriter<E extends Exception> {
        void write(Piece piece) throws E;
    }

    /**
     * A record as a line of a piece. A line break outside a JSON string can only be white space (inside one it is
     * escaped), so a space in its place says the same and keeps a record to a line.
     */
    static String line(String tableName, String recordId, String action, String data) {
        return "[" + Jsons.quoted(tableName) + "," + Jsons.quoted(recordId) + "," + Jsons.quoted(action) + "]\t"
                + (data.indexOf('\n') < 0 && data.indexOf('\r') < 0 ? data : data.replace('\n', ' ').replace('\r', ' '));
    }

    /**
     * Records {@code from} to {@code from + limit} (or the last) of a piece's text, in their order: only those are
     * cut out and read.
     */
    public static List<Line> lines(String text, int from, int limit) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int skipped = 0; skipped < from && start <= text.length(); skipped++) {
            int end = text.indexOf('\n', start);
            start = end < 0 ? text.length() + 1 : end + 1;
        }
        while (start <= text.length() && lines.size() < limit) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines.add(read(text.substring(start, end)));
            start = end + 1;
        }
        return lines;
    }

    private static Line read(String line) {
        // The envelope's strings are escaped, so its first tab is the one after it.
        int tab = line.indexOf('\t');
        JsonArray envelope = Jsons.parseArray(line.substring(0, tab));
        return new Line(((JsonString) envelope.get(0)).getString(), ((JsonString) envelope.get(1)).getString(),
                ((JsonString) envelope.get(2)).getString(), line.substring(tab + 1));
    }
}
