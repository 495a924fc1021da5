package org.supplysync.web.user;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import org.supplysync.user.boundary.StoreGrant;
import org.supplysync.user.boundary.UserRegistration;
import org.supplysync.user.boundary.Users;
import org.supplysync.user.entity.UserAccount;
import org.supplysync.user.entity.UserDetails;
import org.supplysync.web.security.AdminApi;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Users who log in on remote sites (admin-api.md, "Users"): create them, read them, set their password, and, beyond
 * the contract, list them, change their stores and permissions, and deactivate them. Every change is audited.
 */
@AdminApi
@Path("api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    Users users;

    @Context
    SecurityContext security;

    /**
     * {@code {"name","password","firstName","lastName","email","jobTitle","stores":[{"storeId","canLogin": true,
     * "default": false,"canActionReplenishments": false,"permissions": ["ViewStock", …]}]}} → 201 with the user.
     */
    @POST
    public Response create(JsonBody body, @Context UriInfo uri) {
        UserAccount user = users.create(new UserRegistration(body.text("name"), body.text("password"), details(body),
                StoreGrant.listFrom(body.optionalArray("stores").orElse(JsonValue.EMPTY_JSON_ARRAY))), who());
        // The id as a value, not a template: a pushed user's id may hold braces.
        return Response.created(uri.getAbsolutePathBuilder().path("{id}").build(user.id())).entity(view(user)).build();
    }

    /** Not in the contract: every user, by name. */
    @GET
    public JsonArray all() {
        JsonArrayBuilder all = JSON.createArrayBuilder();
        users.all().forEach(user -> all.add(view(user)));
        return all.build();
    }

    @GET
    @Path("{id}")
    public JsonObject one(@PathParam("id") String id) {
        return view(users.find(id));
    }

    /** {@code {"password": "…"}} → 204; also lifts a lock of failed logins. */
    @PUT
    @Path("{id}/password")
    public Response changePassword(@PathParam("id") String id, JsonBody body) {
        users.changePassword(id, body.text("password"), who());
        return Response.noContent().build();
    }

    /**
     * Not in the contract: {@code {"stores": [...]}}, as at creation, replaces the user's stores and permissions; the
     * next login answers with them.
     */
    @PUT
    @Path("{id}/stores")
    public JsonObject changeStores(@PathParam("id") String id, JsonBody body) {
        return view(users.changeStores(id, StoreGrant.listFrom(body.array("stores")), who()));
    }

    /** Not in the contract: {@code {"active": false}} deactivates the user (refused at login), {@code true} activates it. */
    @PUT
    @Path("{id}/active")
    public JsonObject changeActive(@PathParam("id") String id, JsonBody body) {
        return view(users.changeActive(id, body.bool("active"), who()));
    }

    private static UserDetails details(JsonBody body) {
        return new UserDetails(body.optionalText("firstName").orElse(null), body.optionalText("lastName").orElse(null),
                body.optionalText("email").orElse(null), body.optionalText("jobTitle").orElse(null));
    }

    private JsonObject view(UserAccount user) {
        return UserJson.of(user, users.lockedUntil(user));
    }

    private String who() {
        return security.getUserPrincipal().getName();
    }
}
