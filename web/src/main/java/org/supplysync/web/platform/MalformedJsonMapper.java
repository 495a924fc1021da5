package org.supplysync.web.platform;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body the endpoint read itself and found not to be JSON: 400 with the parser's reason. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(JsonException e) {
        return ErrorResponses.of(uri, 400, "Malformed JSON", "invalid_json", "the request body is not valid JSON: " + e.getMessage());
    }
}
