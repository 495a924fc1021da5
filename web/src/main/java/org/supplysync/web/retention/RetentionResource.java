package org.supplysync.web.retention;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.supplysync.retention.boundary.Retention;
import org.supplysync.web.security.AdminApi;

import java.util.Map;

/**
 * {@code POST /api/retention/run}: the retention cleanup now rather than at its next scheduled run (not in the
 * contract; README "Retention"). Answers what it removed, by kind; audited.
 */
@AdminApi
@Path("api/retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    @Inject
    Retention retention;

    @Context
    SecurityContext security;

    @POST
    @Path("run")
    public Map<String, Map<String, Long>> run() {
        return Map.of("removed", retention.runNow(security.getUserPrincipal().getName()));
    }
}
