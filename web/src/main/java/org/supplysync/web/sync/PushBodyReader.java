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
import org.supplysync.web.platform.LimitedBody;
import org.supplysync.web.platform.PayloadTooLargeException;

import java.io.InputStream;
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
            return PushBody.read(new LimitedBody(body, maxBytes), maxRecords, dataTypes.byTableName());
        } catch (PushBody.TooManyRecords e) {
            throw new PayloadTooLargeException(e.getMessage());
        }
    }
}
