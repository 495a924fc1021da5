package org.supplysync.web.platform;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A request body up to a number of bytes, however it is read (whole or as a stream); past it, the rest is read
 * without being kept and the request is a 413.
 */
public final class LimitedBody extends FilterInputStream {

    private final long limit;
    private long read;

    public LimitedBody(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        if (next != -1) {
            counted(1);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            counted(count);
        }
        return count;
    }

    private void counted(int bytes) throws IOException {
        read += bytes;
        if (read > limit) {
            // A client still sending would otherwise never see the 413.
            in.transferTo(OutputStream.nullOutputStream());
            throw new PayloadTooLargeException("the request body is over " + limit + " bytes");
        }
    }
}
