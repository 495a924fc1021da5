package org.supplysync.web.user;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.supplysync.platform.Jsons;
import org.supplysync.user.entity.StoreAccess;
import org.supplysync.user.entity.UserAccount;
import org.supplysync.user.entity.UserDetails;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.supplysync.platform.Jsons.JSON;
import static org.supplysync.web.record.RefusalsJson.nullable;

/**
 * A user as the admin API shows it (admin-api.md, "Users", and what this server adds): never its password or hash,
 * only whether it has one.
 */
final class UserJson {

    private UserJson() {
    }

    static JsonObject of(UserAccount user, Optional<LocalDateTime> lockedUntil) {
        UserDetails details = user.details();
        JsonArrayBuilder stores = JSON.createArrayBuilder();
        user.stores().forEach(access -> stores.add(store(access)));
        return JSON.createObjectBuilder()
                .add("id", user.id())
                .add("name", user.name())
                .add("firstName", nullable(details.firstName()))
                .add("lastName", nullable(details.lastName()))
                .add("email", nullable(details.email()))
                .add("jobTitle", nullable(details.jobTitle()))
                .add("active", user.isActive())
                .add("hasPassword", user.hasPassword())
                .add("stores", stores)
                .add("createdBy", nullable(user.createdBy()))
                .add("createdBySiteId", site(user.createdBySiteId()))
                .add("createdAt", time(user.createdAt()))
                .add("logins", user.logins())
                .add("lastLogin", time(user.lastLoginAt()))
                .add("loginLockedUntil", time(lockedUntil.orElse(null)))
                .add("pushedBySiteId", site(user.pushedBySiteId()))
                .add("pushedAt", time(user.pushedAt()))
                .add("pushedRow", user.pushedRow() == null ? JsonValue.NULL : Jsons.parse(user.pushedRow()))
                .build();
    }

    private static JsonObjectBuilder store(StoreAccess access) {
        JsonArrayBuilder permissions = JSON.createArrayBuilder();
        access.permissions().forEach(permission -> permissions.add(permission.name()));
        return JSON.createObjectBuilder()
                .add("storeId", access.storeId())
                .add("canLogin", access.canLogin())
                .add("default", access.isDefault())
                .add("canActionReplenishments", access.canActionReplenishments())
                .add("permissions", permissions);
    }

    private static JsonValue site(Integer siteId) {
        return siteId == null ? JsonValue.NULL : JSON.createValue(siteId);
    }

    private static JsonValue time(LocalDateTime at) {
        return at == null ? JsonValue.NULL : JSON.createValue(at.toInstant(ZoneOffset.UTC).toString());
    }
}
