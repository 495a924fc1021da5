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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.json.JsonArray;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.supplysync.web.record.RefusalsJson;
import org.supplysync.platform.JsonBody;
import org.supplysync.record.boundary.Refusals;
import org.supplysync.push.boundary.Resubmissions;
import org.supplysync.site.boundary.SiteRegistration;
import org.supplysync.site.boundary.SiteRetirement;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.boundary.SyncSession;
import org.supplysync.site.boundary.SyncSessions;
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

    @Inject
    SiteViews views;

    @Inject
    Refusals refusals;

    @Inject
    SyncSessions syncSessions;

    @Inject
    Resubmissions resubmissions;

    @Inject
    SiteRetirement retirement;

    @Context
    SecurityContext security;

    @POST
    public Response register(@RequestBody(content = @Content(schema = @Schema(implementation = SiteRegistration.class)))
                             JsonBody body, @Context UriInfo uri) {
        Site site = sites.register(new SiteRegistration(body.integer("id"), body.text("name"), body.text("type"),
                body.text("password"), body.bool("primary", false)), who());
        return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(site.id())).build())
                .entity(view(site)).build();
    }

    @GET
    public List<SiteView> all() {
        return views.all();
    }

    @GET
    @Path("{id}")
    public SiteView one(@PathParam("id") int id) {
        return view(sites.find(id));
    }

    /**
     * Not in the contract: the site's latest refused records, newest first, with the rule each broke and what was
     * pushed.
     */
    @GET
    @Path("{id}/refusals")
    public JsonArray refusals(@PathParam("id") int id, @QueryParam("limit") @DefaultValue("100") int limit) {
        sites.find(id);
        return RefusalsJson.listed(refusals.latest(id, Math.max(1, Math.min(limit, 1000))));
    }

    /**
     * Not in the contract: re-submits a refused record through the same checks, once the set-up that refused it is
     * fixed; 202, it integrates with the site's next integration.
     */
    @POST
    @Path("{id}/refusals/{refusalId}/resubmit")
    public Response resubmit(@PathParam("id") int id, @PathParam("refusalId") long refusalId) {
        sites.find(id);
        resubmissions.resubmit(id, refusalId, security.getUserPrincipal().getName());
        return Response.accepted().build();
    }

    /**
     * Not in the contract: the site's latest sync sessions, newest first (at most {@value SyncSessions#KEPT} are
     * kept), {@code [{"startedAt","endedAt","pushed","pulled","acknowledged","refused","durationMs","error"}]}.
     */
    @GET
    @Path("{id}/syncs")
    public List<SyncSession> syncs(@PathParam("id") int id, @QueryParam("limit") @DefaultValue("50") int limit) {
        sites.find(id);
        return syncSessions.latest(id, Math.max(1, Math.min(limit, SyncSessions.KEPT)));
    }

    /** {@code {"password": "..."}}. */
    @POST
    @Path("{id}/password")
    public Response changePassword(@PathParam("id") int id, JsonBody body) {
        sites.changePassword(id, body.text("password"), who());
        return Response.noContent().build();
    }

    /**
     * Not in the first contract: flags a remote site primary (a mirrored set-up) or clears the flag,
     * {@code {"primary": true|false}}.
     */
    @PUT
    @Path("{id}/primary")
    public SiteView changePrimary(@PathParam("id") int id, JsonBody body) {
        return view(sites.changePrimary(id, body.bool("primary"), who()));
    }

    /**
     * Not in the contract: retires a site left with no store (after a move): its queue purged, its credentials removed,
     * audited; 409 while a store is active on it or a job runs for it. Retiring a retired site changes nothing.
     */
    @POST
    @Path("{id}/retire")
    @Consumes(MediaType.WILDCARD)
    public SiteView retire(@PathParam("id") int id) {
        return view(retirement.retire(id, security.getUserPrincipal().getName()));
    }

    @DELETE
    @Path("{id}/hardware-id")
    public Response unbindHardwareId(@PathParam("id") int id) {
        sites.unbindHardwareId(id, who());
        return Response.noContent().build();
    }

    private String who() {
        return security.getUserPrincipal().getName();
    }

    private SiteView view(Site site) {
        return views.of(site);
    }
}
