package org.supplysync.web.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.supplysync.security.boundary.Credentials;
import org.supplysync.security.control.Backoff;
import org.supplysync.web.platform.Problems;
import org.supplysync.web.platform.Roles;
import org.supplysync.web.security.BasicAuthentication.BasicCredentials;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Lets only administrators into the admin API, by HTTP method: those in the {@code admin} role make any call, those in
 * the {@code viewer} role only reads ({@code GET}), except those marked {@link NotForViewers}. Without valid
 * credentials 401, or 429 with {@code Retry-After} while wrong passwords lock the name; 403 for anyone else. A rule by
 * method, not by resource: every resource of the admin API, present and future, is covered as it is.
 */
@Provider
@AdminApi
@Priority(Priorities.AUTHORIZATION)
public class AdministratorsOnly implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    Credentials credentials;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        var security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            request.abortWith(locked(request).map(AdministratorsOnly::tooManyFailures).orElseGet(() ->
                    Problems.build(401, "Unauthorized",
                                    "the admin API needs an administrator's user name and password (HTTP Basic)")
                            .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"supplysync\"")
                            .build()));
        } else if (security.isUserInRole(Roles.ADMIN)) {
            return;
        } else if (!security.isUserInRole(Roles.VIEWER)) {
            request.abortWith(Problems.response(403, "Forbidden",
                    security.getUserPrincipal().getName() + " is not an administrator"));
        } else if (!READS.contains(request.getMethod()) || forAdminsOnly()) {
            request.abortWith(Problems.response(403, "Forbidden", security.getUserPrincipal().getName()
                    + " is a viewer: viewers read the dashboard, the reports and the audit, and change nothing"));
        }
    }

    private Optional<Duration> locked(ContainerRequestContext request) {
        return BasicCredentials.from(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(presented -> credentials.administratorLockedFor(presented.username()));
    }

    private boolean forAdminsOnly() {
        return resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(NotForViewers.class)
                || resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(NotForViewers.class);
    }

    private static jakarta.ws.rs.core.Response tooManyFailures(Duration remaining) {
        long seconds = Backoff.seconds(remaining);
        return Problems.build(429, "Too Many Requests", "too many wrong passwords for this name: it is locked for "
                        + seconds + " s more, whatever password comes")
                .header(HttpHeaders.RETRY_AFTER, seconds).build();
    }
}
