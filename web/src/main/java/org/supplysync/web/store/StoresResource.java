package org.supplysync.web.store;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.supplysync.central.boundary.CentralSequencer;
import org.supplysync.platform.JsonBody;
import org.supplysync.store.boundary.StoreRegistration;
import org.supplysync.store.boundary.Stores;
import org.supplysync.store.entity.Store;
import org.supplysync.store.entity.SyncWithType;
import org.supplysync.web.security.AdminApi;

import java.util.List;
import java.util.Map;

/** Stores: where each is active and what its copy is on every other site. */
@AdminApi
@Path("api/stores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoresResource {

    @Inject
    Stores stores;

    @Inject
    CentralSequencer sequencer;

    @Context
    SecurityContext security;

    @POST
    public Response create(@RequestBody(content = @Content(schema = @Schema(implementation = StoreRegistration.class)))
                           JsonBody body, @Context UriInfo uri) {
        Store store = stores.create(new StoreRegistration(body.text("id"), body.text("code"), body.text("name"),
                body.text("nameId"), body.integer("activeSiteId"), body.bool("dispensary", false),
                body.bool("includeTransactions", true)), who());
        // Committed: stamp the store's name record (central data) now, so that sites read it as soon as this returns.
        sequencer.stampCommittedChanges();
        // The id as a value, not a template: an id may hold braces.
        return Response.created(uri.getAbsolutePathBuilder().path("{id}").build(store.id())).entity(view(store)).build();
    }

    @GET
    public List<StoreView> all() {
        List<Store> all = stores.all();
        Map<String, Map<Integer, SyncWithType>> syncWith = stores.syncWithOfAll(all);
        return all.stream().map(store -> StoreView.of(store, syncWith.get(store.id()))).toList();
    }

    @GET
    @Path("{id}")
    public StoreView one(@PathParam("id") String id) {
        return view(stores.find(id));
    }

    /** {@code {"type": "NONE"|"ACTIVE_COLLECTOR"|"TRANSFER"}}. */
    @PUT
    @Path("{id}/sync-with/{siteId}")
    public StoreView changeSyncWith(@PathParam("id") String id, @PathParam("siteId") int siteId, JsonBody body) {
        stores.changeSyncWith(id, siteId, body.text("type"), who());
        return one(id);
    }

    private String who() {
        return security.getUserPrincipal().getName();
    }

    private StoreView view(Store store) {
        return StoreView.of(store, stores.syncWith(store));
    }
}
