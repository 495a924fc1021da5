package org.supplysync.web.sync;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The small "sync v6" answers an Open mSupply remote site expects from an Open mSupply central server
 * (msupply-sync-v5.md §1.12): this server is not one, so there is nothing to push, pull or wait for.
 */
@Path("central/sync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class OmsCentralResource {

    @POST
    @Path("pull")
    public JsonObject pull() {
        return data(JSON.createObjectBuilder().add("end_cursor", 0).add("total_records", 0)
                .add("records", JSON.createArrayBuilder()).add("is_last_batch", true).build());
    }

    @POST
    @Path("push")
    public JsonObject push() {
        return data(JSON.createObjectBuilder().add("records_pushed", 0).build());
    }

    @POST
    @Path("site_status")
    public JsonObject siteStatus() {
        return data(JSON.createObjectBuilder().add("is_integrating", false).build());
    }

    private static JsonObject data(JsonObject data) {
        return JSON.createObjectBuilder().add("data", data).build();
    }
}
