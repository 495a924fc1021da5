package org.supplysync.web.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.platform.JsonBody;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads every request body of both APIs, whatever its Content-Type (v5 sites send none): at most the configured
 * number of bytes (413 over it), JSON no deeper than the parser's limit, an object (400 otherwise, in the shape of
 * the API). Resources then take typed fields from the {@link JsonBody}.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class JsonBodyReader implements MessageBodyReader<JsonBody> {

    @Inject
    @ConfigProperty(name = "supplysync.sync.max-batch-bytes")
    int maxBytes;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonBody.class;
    }

    @Override
    public JsonBody readFrom(Class<JsonBody> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                             MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        return JsonBody.parse(text(body));
    }

    private String text(InputStream body) throws IOException {
        return new String(new LimitedBody(body, maxBytes).readAllBytes(), StandardCharsets.UTF_8);
    }
}
