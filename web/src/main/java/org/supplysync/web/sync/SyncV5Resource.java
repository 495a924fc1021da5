package org.supplysync.web.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.batch.boundary.BatchJobs;
import org.supplysync.central.boundary.CentralFeed;
import org.supplysync.central.boundary.CentralPage;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.JsonBody;
import org.supplysync.push.boundary.PushReceipt;
import org.supplysync.push.boundary.Pushes;
import org.supplysync.push.control.PushBody;
import org.supplysync.queue.boundary.QueuedPage;
import org.supplysync.queue.boundary.SiteQueue;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.entity.Site;
import org.supplysync.web.platform.ErrorResponses;
import org.supplysync.web.record.RefusalsJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The mSupply sync v5 API as Open mSupply remote sites call it (msupply-sync-v5.md §1): site info and status, push,
 * pull and acknowledge the site's queue, and the central change log. POST bodies are parsed as JSON whatever their
 * Content-Type (the client sends none). One instance serves every call (the request and its URI it holds are
 * proxies of the current call's): made and injected per call, it took an eighth of the server's Java samples in a
 * pull (JFR).
 */
@ApplicationScoped
@SyncApi
@Path("sync/v5")
@Produces(MediaType.APPLICATION_JSON)
public class SyncV5Resource {

    private static final int DEFAULT_PULL = 500;

    @Inject
    Sites sites;

    @Inject
    Pushes pushes;

    @Inject
    SiteQueue siteQueue;

    @Inject
    CentralFeed centralFeed;

    @Inject
    BatchJobs jobs;

    @Inject
    InitialisationWaiters waiters;

    @Inject
    @ConfigProperty(name = "supplysync.sync.max-pull-records")
    int maxPullRecords;

    @Inject
    @ConfigProperty(name = "supplysync.sync.oms-central-url")
    Optional<String> omsCentralUrl;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    @GET
    @Path("site")
    public JsonObject site() {
        Site site = site(sites);
        return JSON.createObjectBuilder()
                .add("id", site.uuid())
                .add("siteId", site.id())
                .add("code", site.name())
                .add("name", site.name())
                .add("initialisationStatus", site.initialisationStatus())
                // Newer clients poll this while an initialisation builds the queue, to tell a slow build from a dead one.
                .add("queueLength", siteQueue.length(site.id()))
                .add("isOmSupplyCentralServer", false)
                .add("omSupplyCentralServerUrl", omsCentralUrl.orElse(uri.getBaseUri().toString()))
                .add("mSupplyCentralSiteId", Site.CENTRAL)
                .build();
    }

    @GET
    @Path("site_status")
    public JsonObject siteStatus() {
        // A site with closed push sessions not yet integrated is integrating, whatever its row says.
        String code = pushes.integrating(siteId()) ? "integration_in_progress" : site(sites).syncStatus();
        return JSON.createObjectBuilder()
                .add("code", code)
                .add("message", switch (code) {
                    case "integration_in_progress" -> "Integration in progress";
                    case "initialisation_in_progress" -> "Initialisation in progress";
                    case "sync_is_running" -> "Sync is running";
                    default -> "idle";
                })
                .add("data", JsonValue.NULL)
                .build();
    }

    @POST
    @Path("queued_records")
    @Consumes(MediaType.WILDCARD)
    public Response push(PushBody body) {
        if (body.queueLength() < 0) {
            throw new InvalidRequestException("queueLength must be 0 or more, got " + body.queueLength());
        }
        PushReceipt receipt = pushes.receive(siteId(), body);
        request.setAttribute(SyncSessionRecorder.PUSHED, body.records());
        request.setAttribute(SyncSessionRecorder.REFUSED, receipt.refused().size());
        return Response.ok(JSON.createObjectBuilder()
                .add("integrationStarted", receipt.integrationStarted())
                .add("refused", RefusalsJson.of(receipt.refused()))
                .build()).build();
    }

    @GET
    @Path("queued_records")
    public Response pull(@QueryParam("limit") String limit) {
        Optional<Integer> size = positive(limit, DEFAULT_PULL);
        if (size.isEmpty()) {
            return ErrorResponses.v5(400, "invalid_request", "limit must be a positive number", JsonValue.NULL);
        }
        QueuedPage page = siteQueue.pull(siteId(), Math.min(size.get(), maxPullRecords));
        request.setAttribute(SyncSessionRecorder.PULLED, page.records().size());
        // Written as text around the staged records, which are JSON already.
        StringJoiner data = new StringJoiner(",", "[", "]");
        page.records().forEach(record -> data.add(record.toJson()));
        return Response.ok("{\"queueLength\":" + page.queueLength() + ",\"data\":" + data + "}",
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("acknowledged_records")
    @Consumes(MediaType.WILDCARD)
    public Response acknowledge(JsonBody body) {
        JsonArray ids = body.array("syncIDs");
        List<String> syncIds = new ArrayList<>(ids.size());
        for (JsonValue id : ids) {
            syncIds.add(id instanceof JsonString text ? text.getString() : id.toString());
        }
        request.setAttribute(SyncSessionRecorder.ACKNOWLEDGED, siteQueue.acknowledge(siteId(), syncIds));
        return Response.noContent().build();
    }

    @GET
    @Path("central_records")
    public Response centralRecords(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        Optional<Integer> size = positive(limit, DEFAULT_PULL);
        long from;
        try {
            from = cursor == null || cursor.isBlank() ? 0 : Long.parseLong(cursor.trim());
        } catch (NumberFormatException e) {
            from = -1;
        }
        if (size.isEmpty() || from < 0) {
            return ErrorResponses.v5(400, "invalid_request", "cursor must be a number >= 0 and limit a positive number",
                    JsonValue.NULL);
        }
        CentralPage page = centralFeed.page(siteId(), from, Math.min(size.get(), maxPullRecords));
        request.setAttribute(SyncSessionRecorder.PULLED, page.changes().size());
        // Written as text around the stored rows, which are JSON already (see CentralChange#toJson).
        StringJoiner data = new StringJoiner(",", "[", "]");
        page.changes().forEach(change -> data.add(change.toJson()));
        return Response.ok("{\"maxCursor\":" + page.maxCursor() + ",\"data\":" + data + "}",
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Builds the site's queue with everything it must hold (§1.5) and answers when it is complete, without holding a
     * server thread meanwhile: a re-POST while it runs joins the same run, one after a stop or failure resumes it.
     */
    @POST
    @Path("initialise")
    @Consumes(MediaType.WILDCARD)
    public void initialise(@Suspended AsyncResponse response) {
        try {
            waiters.await(jobs.initialise(siteId()), response);
        } catch (ConflictException busy) {
            // Another job of the site runs (moving a store, a resend): the client retries later.
            response.resume(ErrorResponses.v5(503, "sync_is_running", busy.getMessage(), JsonValue.NULL));
        }
    }

    private int siteId() {
        return (Integer) request.getAttribute(SiteAuthentication.SITE_ID);
    }

    private Site site(Sites sites) {
        return sites.find(siteId());
    }

    private static Optional<Integer> positive(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return Optional.of(fallback);
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed > 0 ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
