package org.supplysync.web.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.supplysync.platform.JsonBody;
import org.supplysync.security.boundary.Administrators;
import org.supplysync.security.entity.Administrator;

import java.util.List;

/**
 * Not in the contract: the administrators of this API, each a person with a name of their own (the audit's "who")
 * and a role, {@code admin} or {@code viewer} (reads only). Admins only, reads included: the list says who may log
 * in. Every change is audited; the last active admin can be neither demoted nor deactivated.
 */
@AdminApi
@NotForViewers
@Path("api/administrators")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdministratorsResource {

    @Inject
    Administrators administrators;

    @Context
    SecurityContext security;

    /** {@code {"name", "password", "role": "admin"|"viewer"}} → 201 with the administrator. */
    @POST
    public Response create(JsonBody body, @Context UriInfo uri) {
        Administrator administrator = administrators.create(body.text("name"), body.text("password"),
                body.text("role"), who());
        return Response.created(uri.getAbsolutePathBuilder().path("{name}").build(administrator.username()))
                .entity(AdministratorView.of(administrator)).build();
    }

    @GET
    public List<AdministratorView> all() {
        return administrators.all().stream().map(AdministratorView::of).toList();
    }

    @GET
    @Path("{name}")
    public AdministratorView one(@PathParam("name") String name) {
        return AdministratorView.of(administrators.find(name));
    }

    /** {@code {"password": "…"}} → 204; also lifts a lock of the name from wrong passwords. */
    @PUT
    @Path("{name}/password")
    public Response changePassword(@PathParam("name") String name, JsonBody body) {
        administrators.changePassword(name, body.text("password"), who());
        return Response.noContent().build();
    }

    /** {@code {"role": "admin"|"viewer"}}. */
    @PUT
    @Path("{name}/role")
    public AdministratorView changeRole(@PathParam("name") String name, JsonBody body) {
        return AdministratorView.of(administrators.changeRole(name, body.text("role"), who()));
    }

    /** Refused from now on, like an unknown name; 409 for the last active admin. */
    @POST
    @Path("{name}/deactivate")
    @Consumes(MediaType.WILDCARD)
    public AdministratorView deactivate(@PathParam("name") String name) {
        return AdministratorView.of(administrators.changeActive(name, false, who()));
    }

    @POST
    @Path("{name}/activate")
    @Consumes(MediaType.WILDCARD)
    public AdministratorView activate(@PathParam("name") String name) {
        return AdministratorView.of(administrators.changeActive(name, true, who()));
    }

    private String who() {
        return security.getUserPrincipal().getName();
    }
}
