package org.supplysync.push.control;

import java.io.IOException;
import java.io.Reader;

/**
 * A reader that keeps the text read through it since the last {@link #forget}, so that a part the parser has passed
 * (a record's recordData) can be cut out as it was sent. Offsets count characters from the start of the stream, as
 * a JSON parser's locations do.
 */
final class RecordingReader extends Reader {

    private final Reader in;
    private final StringBuilder kept = new StringBuilder();
    /** The offset of the first character kept. */
    private long keptFrom;

    RecordingReader(Reader in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = in.read(buffer, offset, length);
        if (read > 0) {
            kept.append(buffer, offset, read);
        }
        return read;
    }

    /** The text from offset {@code from} up to {@code to} (exclusive), both at or after the last {@link #forget}. */
    String between(long from, long to) {
        return kept.substring((int) (from - keptFrom), (int) (to - keptFrom));
    }

    /** Forgets the text before offset {@code upTo}: nothing before it is asked for again. */
    void forget(long upTo) {
        int drop = (int) Math.min(kept.length(), upTo - keptFrom);
        if (drop > 0) {
            kept.delete(0, drop);
            keptFrom += drop;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
