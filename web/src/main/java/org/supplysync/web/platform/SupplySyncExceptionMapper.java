package org.supplysync.web.platform;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.supplysync.platform.SupplySyncException;

/** A request the application refused: its status, title and reason. */
@Provider
public class SupplySyncExceptionMapper implements ExceptionMapper<SupplySyncException> {

    @Override
    public Response toResponse(SupplySyncException e) {
        return Problems.response(e.status(), e.title(), e.getMessage());
    }
}
