package org.supplysync.web.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** Every HTTP endpoint of the application: the admin API under /api, the sync API under /sync. */
@ApplicationPath("/")
@DeclareRoles({Roles.ADMIN, Roles.VIEWER, Roles.SITE})
@OpenAPIDefinition(info = @Info(title = "supplysync central server", version = "0.1.0",
        description = "Admin API (/api) and mSupply sync v5 API (/sync/v5) of the central synchronisation server"))
public class RestApplication extends Application {
}
