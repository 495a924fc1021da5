package org.supplysync.user.boundary;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.JsonBody;
import org.supplysync.user.entity.StorePermission;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an administrator grants a user in one store: login there, make it the default, and the mSupply permissions
 * named as Open mSupply names them ({@link StorePermission}); none unless named.
 */
public record StoreGrant(String storeId, boolean canLogin, boolean isDefault, boolean canActionReplenishments,
                         Set<StorePermission> permissions) {

    /**
     * The {@code stores} of a request, read strictly: {@code [{"storeId", "canLogin": true, "default": false,
     * "canActionReplenishments": false, "permissions": ["ViewStock", …]}]}.
     */
    public static List<StoreGrant> listFrom(JsonArray stores) {
        List<StoreGrant> grants = new ArrayList<>(stores.size());
        for (int i = 0; i < stores.size(); i++) {
            if (!(stores.get(i) instanceof JsonObject store)) {
                throw new InvalidRequestException("stores[" + i + "] must be an object");
            }
            try {
                JsonBody grant = JsonBody.of(store);
                grants.add(new StoreGrant(grant.text("storeId"), grant.bool("canLogin", true), grant.bool("default", false),
                        grant.bool("canActionReplenishments", false),
                        permissions(grant.optionalArray("permissions").orElse(JsonValue.EMPTY_JSON_ARRAY))));
            } catch (InvalidRequestException e) {
                throw new InvalidRequestException("stores[" + i + "]: " + e.getMessage());
            }
        }
        return grants;
    }

    private static Set<StorePermission> permissions(JsonArray names) {
        Set<StorePermission> permissions = EnumSet.noneOf(StorePermission.class);
        for (JsonValue name : names) {
            if (!(name instanceof JsonString text)) {
                throw new InvalidRequestException("permissions are names of Open mSupply's permissions, such as"
                        + " \"ViewStock\"; got " + name);
            }
            permissions.add(StorePermission.named(text.getString()).orElseThrow(() -> new InvalidRequestException(
                    "there is no permission \"" + text.getString() + "\"; the names are those of Open mSupply's"
                            + " apis/permissions.rs, such as \"ViewStock\"")));
        }
        return permissions;
    }
}
