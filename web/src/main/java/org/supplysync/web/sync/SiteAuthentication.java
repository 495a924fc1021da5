package org.supplysync.web.sync;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.supplysync.security.boundary.Credentials;
import org.supplysync.security.control.Backoff;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.entity.Site;
import org.supplysync.web.platform.ErrorResponses;
import org.supplysync.web.platform.Roles;
import org.supplysync.web.security.BasicAuthentication;
import org.supplysync.web.security.BasicAuthentication.BasicCredentials;


import java.time.Duration;
import java.util.Optional;

import static org.supplysync.platform.Jsons.JSON;

/**
 * Lets a remote site into the sync API, answering in the v5 error shape: unknown site name or wrong password (401),
 * a name locked by repeated wrong passwords from the calling device (429 {@code site_auth_timeout}, whose
 * {@code data.timeoutRemaining} is in milliseconds, with {@code Retry-After}; the client shows it as "try again
 * later"), a sync API version outside the supported range (409), another device than the one the site is bound to
 * (401). An accepted call binds the device on first use; its site's last contact is recorded with its sync session
 * ({@link SyncSessionRecorder}).
 */
@Provider
@SyncApi
@Priority(Priorities.AUTHORIZATION)
public class SiteAuthentication implements ContainerRequestFilter {

    /** The request property that carries the authenticated site's id to the resource. */
    public static final String SITE_ID = "supplysync.siteId";

    @Inject
    Sites sites;

    @Context
    HttpServletRequest servletRequest;

    @Inject
    Credentials siteCredentials;

    @Inject
    @ConfigProperty(name = "supplysync.sync.min-version")
    int minVersion;

    @Inject
    @ConfigProperty(name = "supplysync.sync.max-version")
    int maxVersion;

    @Override
    public void filter(ContainerRequestContext request) {
        var security = request.getSecurityContext();
        if (security.getUserPrincipal() == null || !security.isUserInRole(Roles.SITE)) {
            request.abortWith(unauthenticated(request));
            return;
        }
        // The site the credentials were checked against; looked up by name only if the mechanism did not say.
        Integer siteId = servletRequest.getAttribute(BasicAuthentication.SITE_ID) instanceof Integer id ? id
                : sites.named(security.getUserPrincipal().getName()).map(Site::id).orElse(null);
        if (siteId == null) {
            request.abortWith(ErrorResponses.v5(401, "site_name_not_found", "Site name not found", JsonValue.NULL));
            return;
        }
        request.setProperty(SyncSessionRecorder.CALLER, siteId);
        String version = request.getHeaderString("version");
        if (version != null && !supported(version)) {
            request.abortWith(ErrorResponses.v5(409, "api_version_incompatible", "Api version is not compatible",
                    JSON.createObjectBuilder().add("minVersion", minVersion).add("maxVersion", maxVersion)
                            .add("received", version).build()));
            return;
        }
        // A call from the device the identity store saw the site bound to needs no second look; a first call binds.
        // The header as this filter reads it (repeated ones joined) must be that device's id, as fromBoundDevice asks.
        String device = request.getHeaderString(BasicAuthentication.HARDWARE_ID);
        boolean boundDevice = device != null
                && device.equals(servletRequest.getAttribute(BasicAuthentication.BOUND_DEVICE));
        if (!boundDevice && !sites.fromBoundDevice(siteId, device)) {
            request.abortWith(ErrorResponses.v5(401, "site_incorrect_hardware_id", "Site hardware ID does not match",
                    JsonValue.NULL));
            return;
        }
        request.setProperty(SITE_ID, siteId);
    }

    private Response unauthenticated(ContainerRequestContext request) {
        var credentials = BasicCredentials.from(request.getHeaderString("Authorization"));
        if (credentials.isEmpty()) {
            return ErrorResponses.v5(401, "site_name_not_found",
                    "no site credentials: HTTP Basic with the site name and the SHA-256 of its password", JsonValue.NULL);
        }
        String name = credentials.get().username();
        Site site = sites.named(name).orElse(null);
        if (site == null) {
            return ErrorResponses.v5(401, "site_name_not_found", "Site name not found", JsonValue.NULL);
        }
        // The site's sync sessions show it: a site set up with a wrong password is a site in trouble.
        request.setProperty(SyncSessionRecorder.CALLER, site.id());
        Optional<Duration> locked = siteCredentials.siteLockedFor(name,
                request.getHeaderString(BasicAuthentication.HARDWARE_ID));
        if (locked.isPresent()) {
            long seconds = Backoff.seconds(locked.get());
            return Response.fromResponse(ErrorResponses.v5(429, "site_auth_timeout", "Site authentication is blocked"
                            + " after repeated wrong passwords; try again in " + seconds + " s",
                    JSON.createObjectBuilder().add("timeoutRemaining", Backoff.millis(locked.get())).build()))
                    .header(HttpHeaders.RETRY_AFTER, seconds).build();
        }
        return ErrorResponses.v5(401, "site_incorrect_password", "Site password is incorrect", JsonValue.NULL);
    }

    private boolean supported(String version) {
        try {
            int v = Integer.parseInt(version.trim());
            return v >= minVersion && v <= maxVersion;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
