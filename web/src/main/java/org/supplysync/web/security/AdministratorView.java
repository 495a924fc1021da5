package org.supplysync.web.security;

import org.supplysync.security.entity.Administrator;

import java.time.ZoneOffset;

/** An administrator as the admin API shows them: never their password or its hash. */
public record AdministratorView(String name, String role, boolean active, String createdBy, String createdAt) {

    static AdministratorView of(Administrator administrator) {
        return new AdministratorView(administrator.username(), administrator.role().label(), administrator.isActive(),
                administrator.createdBy(), administrator.createdAt() == null ? null
                : administrator.createdAt().toInstant(ZoneOffset.UTC).toString());
    }
}
