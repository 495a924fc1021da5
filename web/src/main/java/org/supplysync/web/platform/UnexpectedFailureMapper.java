package org.supplysync.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything unexpected: logged in full under an incident id, answered with a 500 that carries only that id, so
 * no stack trace ever reaches a caller.
 */
@Provider
@ApplicationScoped
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident, e);
        String detail = "the server failed to handle this request; its log has the details under incident " + incident;
        if (ErrorResponses.isSyncPath(uri)) {
            return ErrorResponses.v5(500, "internal_error", detail, jakarta.json.JsonValue.NULL);
        }
        if (ErrorResponses.isV4Path(uri)) {
            return ErrorResponses.v4(500, "internal_error", detail);
        }
        return Problems.incident(incident);
    }
}
