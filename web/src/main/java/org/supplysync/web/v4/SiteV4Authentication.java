package org.supplysync.web.v4;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.supplysync.site.boundary.Sites;
import org.supplysync.web.platform.ErrorResponses;
import org.supplysync.web.platform.Roles;

/**
 * Lets a remote site into the v4 API with the credentials it syncs with (site name and the SHA-256 hex of its
 * password, checked by the same identity store as the sync API), or answers 401 in the v4 shape, which the client
 * reads as "authentication failed". The v4 calls carry no {@code msupply-site-uuid} header, so the device binding of
 * the sync API is not asked for here.
 */
@Provider
@SiteV4Api
@Priority(Priorities.AUTHORIZATION)
public class SiteV4Authentication implements ContainerRequestFilter {

    /** The request property that carries the authenticated site's id to the resource. */
    public static final String SITE_ID = "supplysync.v4.siteId";

    @Inject
    Sites sites;

    @Override
    public void filter(ContainerRequestContext request) {
        var security = request.getSecurityContext();
        var site = security.getUserPrincipal() == null || !security.isUserInRole(Roles.SITE) ? null
                : sites.named(security.getUserPrincipal().getName()).orElse(null);
        if (site == null) {
            request.abortWith(challenge(ErrorResponses.v4(401,
                    "a site's credentials are needed: HTTP Basic with the site name and the SHA-256 of its password")));
            return;
        }
        request.setProperty(SITE_ID, site.id());
    }

    private static Response challenge(Response response) {
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"supplysync\"").build();
    }
}
