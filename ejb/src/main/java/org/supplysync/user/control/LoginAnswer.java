package org.supplysync.user.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.supplysync.user.entity.StoreAccess;
import org.supplysync.user.entity.StorePermission;
import org.supplysync.user.entity.UserAccount;
import org.supplysync.user.entity.UserDetails;

import java.util.List;
import java.util.Set;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The answers of {@code POST /api/v4/login} in the shapes Open mSupply parses ({@code apis/login_v4.rs}; the full
 * example is {@code LOGIN_V4_RESPONSE_1}): every field its structs require is there with its JSON type, texts the
 * central does not know are empty (the client reads an empty text as none), never null.
 */
public final class LoginAnswer {

    private LoginAnswer() {
    }

    /** 200: the user, and the stores it may use with their permissions. */
    public static JsonObject success(UserAccount user, List<StoreAccess> stores, String storeName, String service) {
        UserDetails details = user.details();
        JsonArrayBuilder userStores = JSON.createArrayBuilder();
        stores.forEach(access -> userStores.add(userStore(access)));
        return JSON.createObjectBuilder()
                .add("status", "success")
                .add("authenticated", true)
                .add("username", user.name())
                .add("userFirstName", text(details.firstName()))
                .add("userLastName", text(details.lastName()))
                .add("userJobTitle", text(details.jobTitle()))
                .add("userType", "user")
                .add("service", service)
                .add("storeName", storeName)
                .add("userInfo", JSON.createObjectBuilder()
                        .add("user", user(user, details))
                        .add("userStores", userStores))
                .build();
    }

    /** 403: the name is locked for {@code millis} more milliseconds (the client counts it down in milliseconds). */
    public static JsonObject blocked(long millis) {
        return JSON.createObjectBuilder()
                .add("status", "user_login_timeout")
                .add("timeoutRemaining", millis)
                .add("message", "too many failed logins: try again once the timeout has passed")
                .build();
    }

    /** {@code LoginUserV4}: the fields the client requires, as mSupply fills them for a user it knows no more of. */
    private static JsonObjectBuilder user(UserAccount user, UserDetails details) {
        return JSON.createObjectBuilder()
                .add("ID", user.id())
                .add("name", user.name())
                .add("startup_method", "")
                .add("nblogins", (int) Math.min(user.logins(), Integer.MAX_VALUE))
                .add("group_id", "")
                .add("mode", "")
                .add("active", user.isActive())
                .add("lasttime", 0)
                .add("initials", "")
                .add("first_name", text(details.firstName()))
                .add("last_name", text(details.lastName()))
                .add("address_1", "")
                .add("address_2", "")
                .add("e_mail", text(details.email()))
                .add("phone1", "")
                .add("phone2", "")
                .add("job_title", text(details.jobTitle()))
                .add("responsible_officer", false)
                .add("Language", 0)
                .add("use_ldap", false)
                .add("ldap_login_string", "")
                .add("receives_sms_errors", false)
                .add("is_group", false)
                .add("windows_user_name", "")
                .add("license_category_id", "")
                .add("isInactiveAuthoriser", false)
                .add("spare_1", "");
    }

    /** {@code LoginUserStoresV4}. */
    private static JsonObjectBuilder userStore(StoreAccess access) {
        return JSON.createObjectBuilder()
                .add("ID", access.id())
                .add("user_ID", access.userId())
                .add("store_ID", access.storeId())
                .add("can_login", access.canLogin())
                .add("store_default", access.isDefault())
                .add("can_action_replenishments", access.canActionReplenishments())
                .add("permissions", permissions(access.permissions()));
    }

    /** mSupply's array of permission flags: permission number n is at index n - 1. */
    static JsonArrayBuilder permissions(Set<StorePermission> granted) {
        boolean[] slots = new boolean[StorePermission.SLOTS];
        granted.forEach(permission -> slots[permission.number() - 1] = true);
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (boolean slot : slots) {
            array.add(slot);
        }
        return array;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
