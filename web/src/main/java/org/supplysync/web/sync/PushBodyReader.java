package org.supplysync.web.sync;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.datatype.boundary.DataTypes;
import org.supplysync.push.control.PushBody;
import org.supplysync.web.platform.PayloadTooLargeException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads a push body as it arrives ({@link PushBody}): no copy of the whole body as bytes, text and tree at once, so
 * that many sites pushing batches of megabytes together fit in the heap. Over the configured bytes or records: 413.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class PushBodyReader implements MessageBodyReader<PushBody> {

    @Inject
    DataTypes dataTypes;

    @Inject
    @ConfigProperty(name = "supplysync.sync.max-batch-bytes")
    int maxBytes;

    @Inject
    @ConfigProperty(name = "supplysync.sync.max-batch-records")
    int maxRecords;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == PushBody.class;
    }

    @Override
    public PushBody readFrom(Class<PushBody> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                             MultivaluedMap<String, String> headers, InputStream body) {
        try {
            // Read here, outside any EJB: what the parser throws reaches the exception mappers as it is.
            return PushBody.read(new Limited(body, maxBytes), maxRecords, dataTypes.byTableName());
        } catch (PushBody.TooManyRecords e) {
            throw new PayloadTooLargeException(e.getMessage());
        }
    }

    /** The body up to a number of bytes; past it, the rest is read without being kept and the request is a 413. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
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
}
