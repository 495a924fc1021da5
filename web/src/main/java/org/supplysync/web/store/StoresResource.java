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
import jakarta.ws.rs.core.UriInfo;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.store.boundary.StoreRegistration;
import org.supplysync.store.boundary.Stores;
import org.supplysync.store.entity.Store;
import org.supplysync.web.security.AdminApi;

import java.util.List;

/** Stores: where each is active and what its copy is on every other site. */
@AdminApi
@Path("api/stores")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StoresResource {

    @Inject
    Stores stores;

    @POST
    public Response create(StoreRegistration registration, @Context UriInfo uri) {
        Store store = stores.create(registration);
        return Response.created(uri.getAbsolutePathBuilder().path(store.id()).build()).entity(view(store)).build();
    }

    @GET
    public List<StoreView> all() {
        return stores.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public StoreView one(@PathParam("id") String id) {
        return view(stores.find(id));
    }

    @PUT
    @Path("{id}/sync-with/{siteId}")
    public StoreView changeSyncWith(@PathParam("id") String id, @PathParam("siteId") int siteId, SyncWithChange change) {
        if (change == null) {
            throw new InvalidRequestException("the request body is missing: {\"type\": \"NONE\"|\"ACTIVE_COLLECTOR\"|\"TRANSFER\"}");
        }
        stores.changeSyncWith(id, siteId, change.type());
        return one(id);
    }

    private StoreView view(Store store) {
        return StoreView.of(store, stores.syncWith(store.id()));
    }
}
