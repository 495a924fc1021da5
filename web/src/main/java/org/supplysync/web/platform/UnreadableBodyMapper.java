package org.supplysync.web.platform;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request body a JAX-RS reader could not turn into what the endpoint takes is the caller's mistake: 400. The
 * reader's own words name Java types ("class java.lang.Integer"), so they stay in the log. Any other processing
 * failure is the server's.
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Inject
    UnexpectedFailureMapper unexpected;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonException || cause instanceof JsonbException) {
                return ErrorResponses.of(uri, 400, "Malformed JSON", "invalid_json",
                        "the request body is not the JSON object this endpoint takes");
            }
        }
        return unexpected.toResponse(e);
    }
}
