package org.supplysync.web.sync;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.supplysync.platform.Jsons;
import org.supplysync.site.boundary.SyncCall;
import org.supplysync.site.boundary.SyncSessions;
import org.supplysync.web.platform.ErrorResponses;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts every call of a site to the sync API in the site's sync session ({@link SyncSessions}), once it is answered:
 * the records the resource says it pushed, pulled, acknowledged or refused (request properties), and the v5 error
 * code of an error answer, a refused authentication of a known site included. Recording never fails the call.
 */
@Provider
@SyncApi
@Priority(Priorities.AUTHENTICATION)
public class SyncSessionRecorder implements ContainerRequestFilter, ContainerResponseFilter {

    /** The site a call came from when it was refused before it was let in (wrong password, device or version). */
    public static final String CALLER = "supplysync.sync.caller";
    public static final String PUSHED = "supplysync.sync.pushed";
    public static final String PULLED = "supplysync.sync.pulled";
    public static final String ACKNOWLEDGED = "supplysync.sync.acknowledged";
    public static final String REFUSED = "supplysync.sync.refused";
    private static final String STARTED = "supplysync.sync.started";

    private static final Logger LOG = Logger.getLogger(SyncSessionRecorder.class.getName());

    @Inject
    SyncSessions sessions;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, Instant.now());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object site = request.getProperty(SiteAuthentication.SITE_ID);
        boolean admitted = site != null;
        if (site == null) {
            site = request.getProperty(CALLER);
        }
        if (!(site instanceof Integer siteId)) {
            return;
        }
        Instant started = request.getProperty(STARTED) instanceof Instant at ? at : Instant.now();
        String error = response.getStatus() >= 400 ? errorCode(response) : null;
        try {
            sessions.record(new SyncCall(siteId, started, count(request, PUSHED), count(request, PULLED),
                    count(request, ACKNOWLEDGED), count(request, REFUSED), error, admitted));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record a sync call of site " + siteId, e);
        }
    }

    /** The code of a v5 error body ({@code {"error": {"code"}}}), else the one its status stands for. */
    private static String errorCode(ContainerResponseContext response) {
        if (response.getEntity() instanceof String body) {
            try {
                JsonObject error = Jsons.parse(body).getJsonObject("error");
                if (error != null && error.get("code") instanceof jakarta.json.JsonString code) {
                    return code.getString();
                }
            } catch (JsonException | ClassCastException e) {
                // not a v5 error body: its status says enough
            }
        }
        return ErrorResponses.codeOf(response.getStatus());
    }

    private static long count(ContainerRequestContext request, String property) {
        return request.getProperty(property) instanceof Number number ? number.longValue() : 0;
    }
}
