package org.supplysync.web.transfer;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.JsonBody;
import org.supplysync.transfer.boundary.Transfers;
import org.supplysync.transfer.boundary.Transfers.TransferView;
import org.supplysync.web.security.AdminApi;

import java.util.List;
import java.util.Map;

/**
 * Transfers completed on the central server (README "Transfers"): the ones it could not complete, the transfer a
 * record started, and the centralised procurement setting.
 */
@AdminApi
@Path("api/transfers")
@Produces(MediaType.APPLICATION_JSON)
public class TransfersResource {

    private static final int MAX_LIMIT = 10_000;

    @Inject
    Transfers transfers;

    @Context
    SecurityContext security;

    /** The transfers the central could not complete (an unknown store, a store not visible), with their reason. */
    @GET
    @Path("failed")
    public List<TransferView> failed(@QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return transfers.failed(limit);
    }

    /** The transfer the record started, as the central knows it. */
    @GET
    @Path("{table}/{id}")
    public TransferView startedBy(@PathParam("table") String table, @PathParam("id") String id) {
        return transfers.startedBy(table, id);
    }

    @GET
    @Path("centralised-procurement")
    public Map<String, Boolean> centralisedProcurement() {
        return Map.of("enabled", transfers.centralisedProcurement());
    }

    /** {@code {"enabled": true|false}}; audited. */
    @PUT
    @Path("centralised-procurement")
    public Map<String, Boolean> centralisedProcurement(JsonBody body) {
        transfers.centralisedProcurement(body.bool("enabled"), security.getUserPrincipal().getName());
        return centralisedProcurement();
    }
}
