package org.supplysync.web.site;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.site.boundary.SiteRegistration;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.entity.Site;
import org.supplysync.web.security.AdminApi;

import java.util.List;

/** Sync sites: register remote sites, read their sync state, reset their credentials. */
@AdminApi
@Path("api/sites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SitesResource {

    @Inject
    Sites sites;

    @POST
    public Response register(SiteRegistration registration, @Context UriInfo uri) {
        Site site = sites.register(registration);
        return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(site.id())).build())
                .entity(view(site)).build();
    }

    @GET
    public List<SiteView> all() {
        int primary = sites.primarySiteId();
        return sites.all().stream().map(site -> SiteView.of(site, site.id() == primary, sites.centralCursorLag(site))).toList();
    }

    @GET
    @Path("{id}")
    public SiteView one(@PathParam("id") int id) {
        return view(sites.find(id));
    }

    @POST
    @Path("{id}/password")
    public Response changePassword(@PathParam("id") int id, PasswordChange change) {
        if (change == null) {
            throw new InvalidRequestException("the request body is missing: {\"password\": \"...\"}");
        }
        sites.changePassword(id, change.password());
        return Response.noContent().build();
    }

    /** Not in the first contract: flags a remote site primary (a mirrored set-up) or clears the flag. */
    @PUT
    @Path("{id}/primary")
    public SiteView changePrimary(@PathParam("id") int id, PrimaryChange change) {
        if (change == null || change.primary() == null) {
            throw new InvalidRequestException("the request body must be {\"primary\": true|false}");
        }
        return view(sites.changePrimary(id, change.primary()));
    }

    @DELETE
    @Path("{id}/hardware-id")
    public Response unbindHardwareId(@PathParam("id") int id) {
        sites.unbindHardwareId(id);
        return Response.noContent().build();
    }

    private SiteView view(Site site) {
        return SiteView.of(site, site.id() == sites.primarySiteId(), sites.centralCursorLag(site));
    }
}
