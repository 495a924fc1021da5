package org.supplysync.web.platform;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Errors JAX-RS itself raises (no such path, wrong method, unsupported media type) as problem details. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        // Jersey's own message ("HTTP 404 Not Found" and the like), never its cause's: that is a parser's or a
        // converter's message about Java types (a path parameter that is not a number arrives as a 404 caused by one).
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder problem = Response.fromResponse(ErrorResponses.of(uri, status.getStatusCode(),
                status.getReasonPhrase(), ErrorResponses.codeOf(status.getStatusCode()), e.getMessage()));
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }
}
