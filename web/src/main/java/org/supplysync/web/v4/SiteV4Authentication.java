package org.supplysync.web.v4;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.supplysync.security.boundary.Credentials;
import org.supplysync.security.control.Backoff;
import org.supplysync.site.boundary.Sites;
import org.supplysync.web.platform.ErrorResponses;
import org.supplysync.web.platform.Roles;
import org.supplysync.web.security.BasicAuthentication.BasicCredentials;

import java.time.Duration;
import java.util.Optional;

/**
 * Lets a remote site into the v4 API with the credentials it syncs with (site name and the SHA-256 hex of its
 * password, checked by the same identity store as the sync API), or answers 401 in the v4 shape, which the client
 * reads as "authentication failed", or 429 {@code site_auth_timeout} with {@code Retry-After} while repeated wrong
 * passwords lock the name. The v4 calls carry no {@code msupply-site-uuid} header, so the device binding of the sync
 * API is not asked for here, and they count as calls from another device than the bound one.
 */
@Provider
@SiteV4Api
@Priority(Priorities.AUTHORIZATION)
public class SiteV4Authentication implements ContainerRequestFilter {

    /** The request property that carries the authenticated site's id to the resource. */
    public static final String SITE_ID = "supplysync.v4.siteId";

    @Inject
    Sites sites;

    @Inject
    Credentials credentials;

    @Override
    public void filter(ContainerRequestContext request) {
        var security = request.getSecurityContext();
        var site = security.getUserPrincipal() == null || !security.isUserInRole(Roles.SITE) ? null
                : sites.named(security.getUserPrincipal().getName()).orElse(null);
        if (site == null) {
            request.abortWith(locked(request).map(SiteV4Authentication::tooManyFailures).orElseGet(() ->
                    challenge(ErrorResponses.v4(401, "a site's credentials are needed: HTTP Basic with the site name"
                            + " and the SHA-256 of its password"))));
            return;
        }
        request.setProperty(SITE_ID, site.id());
    }

    private Optional<Duration> locked(ContainerRequestContext request) {
        return BasicCredentials.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(presented -> credentials.siteLockedFor(presented.username(), null));
    }

    private static Response tooManyFailures(Duration remaining) {
        long seconds = Backoff.seconds(remaining);
        return Response.fromResponse(ErrorResponses.v4(429, "site_auth_timeout", "repeated wrong passwords lock this"
                + " site name for " + seconds + " s more")).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }

    private static Response challenge(Response response) {
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"supplysync\"").build();
    }
}
