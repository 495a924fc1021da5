package org.supplysync.web.platform;

import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.supplysync.platform.SupplySyncException;

/** A failure inside a boundary arrives wrapped; map what it wraps. */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Inject
    UnexpectedFailureMapper unexpected;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(EJBException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e.getCausedByException();
        if (cause instanceof SupplySyncException refused) {
            return ErrorResponses.of(uri, refused.status(), refused.title(), ErrorResponses.codeOf(refused.status()),
                    refused.getMessage());
        }
        return unexpected.toResponse(e);
    }
}
