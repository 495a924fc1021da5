package org.supplysync.web.platform;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.supplysync.platform.SupplySyncException;

/** A request the application refused: its status, title and reason. */
@Provider
public class SupplySyncExceptionMapper implements ExceptionMapper<SupplySyncException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(SupplySyncException e) {
        return ErrorResponses.of(uri, e.status(), e.title(), ErrorResponses.codeOf(e.status()), e.getMessage());
    }
}
