package org.supplysync.web.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.supplysync.web.platform.Problems;
import org.supplysync.web.platform.Roles;

/** Lets only administrators into the admin API: 401 without valid credentials, 403 for anyone else. */
@Provider
@AdminApi
@Priority(Priorities.AUTHORIZATION)
public class AdministratorsOnly implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        var security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            request.abortWith(Problems.build(401, "Unauthorized",
                            "the admin API needs an administrator's user name and password (HTTP Basic)")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"supplysync\"")
                    .build());
        } else if (!security.isUserInRole(Roles.ADMIN)) {
            request.abortWith(Problems.response(403, "Forbidden",
                    security.getUserPrincipal().getName() + " is not an administrator"));
        }
    }
}
