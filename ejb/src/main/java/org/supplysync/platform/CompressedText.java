package org.supplysync.platform;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Large text kept in the database compressed, in the format of MariaDB's {@code COMPRESS()}: the length of the text
 * in bytes (four bytes, low byte first), then the zlib stream; so {@code UNCOMPRESS(column)} reads it in SQL too.
 * Text the server writes and reads back whole (a piece of the push buffer, a staged message of a site's queue) costs
 * the database and the driver per byte at every step (escaping, parsing the statement, the row, its undo and redo,
 * the purge after a delete); JSON records shrink several times at zlib's fastest level, for less work than those
 * steps save.
 */
public final class CompressedText {

    private static final int LENGTH_BYTES = 4;

    private CompressedText() {
    }

    public static byte[] compress(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return new byte[0]; // as COMPRESS('') is ''
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            int length = bytes.length;
            out.write(length);
            out.write(length >>> 8);
            out.write(length >>> 16);
            out.write(length >>> 24);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    public static String uncompress(byte[] compressed) {
        if (compressed.length == 0) {
            return "";
        }
        if (compressed.length < LENGTH_BYTES) {
            throw new IllegalArgumentException("not compressed text: " + compressed.length + " bytes");
        }
        int length = (compressed[0] & 0xff) | (compressed[1] & 0xff) << 8 | (compressed[2] & 0xff) << 16
                | (compressed[3] & 0xff) << 24;
        if (length < 0) {
            throw new IllegalArgumentException("not compressed text: a length of " + Integer.toUnsignedString(length));
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed, LENGTH_BYTES, compressed.length - LENGTH_BYTES);
            byte[] text = new byte[length];
            int read = 0;
            while (read < length && !inflater.finished()) {
                int n = inflater.inflate(text, read, length - read);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                read += n;
            }
            if (read != length) {
                throw new IllegalArgumentException("compressed text holds " + read + " bytes, its length says " + length);
            }
            return new String(text, StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not compressed text: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
