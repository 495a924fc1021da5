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
 * A request body that is not the JSON the endpoint expects (malformed, or a text where a number belongs) is the
 * caller's mistake: 400 with the parser's reason. Any other processing failure is the server's.
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
                        "the request body could not be read as JSON: " + rootMessage(cause));
            }
        }
        return unexpected.toResponse(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause().getMessage() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
