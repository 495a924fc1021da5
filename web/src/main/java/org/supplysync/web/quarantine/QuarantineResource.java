package org.supplysync.web.quarantine;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.push.boundary.Quarantine;
import org.supplysync.push.boundary.Quarantine.QuarantinedRecord;
import org.supplysync.web.security.AdminApi;

import java.util.List;
import java.util.Optional;

/** Records that could not be integrated (admin-api.md, "Quarantine"): list them, retry them, drop them. */
@AdminApi
@Path("api/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    @Inject
    Quarantine quarantine;

    @Context
    SecurityContext security;

    @GET
    public List<QuarantinedRecord> list(@QueryParam("site") String site) {
        return quarantine.list(siteFilter(site));
    }

    /** Puts the record through integration again; its entry goes once it integrates. */
    @POST
    @Path("{id}/retry")
    public Response retry(@PathParam("id") long id) {
        quarantine.retry(id, security.getUserPrincipal().getName());
        return Response.accepted().build();
    }

    /** Drops the record for good; audited. */
    @DELETE
    @Path("{id}")
    public Response drop(@PathParam("id") long id) {
        quarantine.drop(id, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    private static Optional<Integer> siteFilter(String site) {
        if (site == null || site.isBlank()) {
            return Optional.empty();
        }
        if (!site.matches("\\d{1,9}")) {
            throw new InvalidRequestException("site must be a site id (a positive whole number), got \"" + site + "\"");
        }
        return Optional.of(Integer.parseInt(site));
    }
}
