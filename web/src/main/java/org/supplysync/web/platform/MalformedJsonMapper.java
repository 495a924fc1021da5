package org.supplysync.web.platform;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or nests deeper than the application parses: 400 with the parser's reason. */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<JsonException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(JsonException e) {
        return ErrorResponses.of(uri, 400, "Malformed JSON", "invalid_json", "the request body could not be read as JSON: " + e.getMessage());
    }
}
