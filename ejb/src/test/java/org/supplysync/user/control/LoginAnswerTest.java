package org.supplysync.user.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.supplysync.user.entity.StoreAccess;
import org.supplysync.user.entity.StorePermission;
import org.supplysync.user.entity.UserAccount;
import org.supplysync.user.entity.UserDetails;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login answer against the structs Open mSupply parses it with (server/service/src/apis/login_v4.rs): every field
 * a struct requires, with the JSON type serde expects, never null (its Option texts read "" as none).
 */
class LoginAnswerTest {

    /** {@code LoginResponseV4}, {@code userInfo} aside. */
    private static final Map<String, JsonValue.ValueType> RESPONSE = Map.ofEntries(
            entry("status", JsonValue.ValueType.STRING), entry("authenticated", JsonValue.ValueType.TRUE),
            entry("username", JsonValue.ValueType.STRING), entry("userFirstName", JsonValue.ValueType.STRING),
            entry("userLastName", JsonValue.ValueType.STRING), entry("userJobTitle", JsonValue.ValueType.STRING),
            entry("userType", JsonValue.ValueType.STRING), entry("service", JsonValue.ValueType.STRING),
            entry("storeName", JsonValue.ValueType.STRING), entry("userInfo", JsonValue.ValueType.OBJECT));

    /** {@code LoginUserV4}: texts, i32 numbers and booleans. */
    private static final List<String> USER_TEXTS = List.of("ID", "name", "startup_method", "group_id", "mode",
            "initials", "first_name", "last_name", "address_1", "address_2", "e_mail", "phone1", "phone2", "job_title",
            "ldap_login_string", "windows_user_name", "license_category_id", "spare_1");
    private static final List<String> USER_NUMBERS = List.of("nblogins", "lasttime", "Language");
    private static final List<String> USER_BOOLEANS = List.of("active", "responsible_officer", "use_ldap",
            "receives_sms_errors", "is_group", "isInactiveAuthoriser");

    @Test
    void answersEveryFieldOfTheClientsStructsWithItsType() {
        UserAccount user = UserAccount.created("ada", "hash", new UserDetails("Ada", "Lovelace", "ada@example.org",
                "Pharmacist"), "admin");
        StoreAccess north = user.grant("STORE_N");
        north.change(true, true, false, EnumSet.of(StorePermission.ViewStock, StorePermission.ManageLocations));

        JsonObject answer = LoginAnswer.success(user, List.of(north), "North store", "desktop");

        RESPONSE.forEach((field, type) -> assertThat(answer.get(field)).as(field).isNotNull()
                .extracting(JsonValue::getValueType).isEqualTo(type));
        assertThat(answer.getString("status")).isEqualTo("success");
        assertThat(answer.getString("userType")).isEqualTo("user");
        assertThat(answer.getString("username")).isEqualTo("ada");
        assertThat(answer.getString("userFirstName")).isEqualTo("Ada");
        assertThat(answer.getString("userLastName")).isEqualTo("Lovelace");
        assertThat(answer.getString("userJobTitle")).isEqualTo("Pharmacist");
        assertThat(answer.getString("storeName")).isEqualTo("North store");

        JsonObject info = answer.getJsonObject("userInfo").getJsonObject("user");
        USER_TEXTS.forEach(field -> assertThat(info.get(field)).as(field).isNotNull()
                .extracting(JsonValue::getValueType).isEqualTo(JsonValue.ValueType.STRING));
        USER_NUMBERS.forEach(field -> assertThat(info.getJsonNumber(field).isIntegral()).as(field).isTrue());
        USER_BOOLEANS.forEach(field -> assertThat(info.get(field)).as(field)
                .isIn(JsonValue.TRUE, JsonValue.FALSE));
        assertThat(info.getString("ID")).isEqualTo(user.id()).matches("[0-9A-F]{32}");
        assertThat(info.getString("e_mail")).isEqualTo("ada@example.org");
        assertThat(info.getBoolean("active")).isTrue();
    }

    @Test
    void listsEachStoreWithItsPermissionsAtTheirNumbersMinusOne() {
        UserAccount user = UserAccount.created("grace", "hash", new UserDetails(null, null, null, null), "admin");
        StoreAccess store = user.grant("STORE_S");
        store.change(false, false, true, EnumSet.of(StorePermission.CreatePurchaseOrders, StorePermission.ViewStock,
                StorePermission.HISAddProcedure));

        JsonObject userStore = LoginAnswer.success(user, List.of(store), "", "")
                .getJsonObject("userInfo").getJsonArray("userStores").getJsonObject(0);

        assertThat(userStore.getString("ID")).isEqualTo(store.id());
        assertThat(userStore.getString("user_ID")).isEqualTo(user.id());
        assertThat(userStore.getString("store_ID")).isEqualTo("STORE_S");
        assertThat(userStore.getBoolean("can_login")).isFalse();
        assertThat(userStore.getBoolean("store_default")).isFalse();
        assertThat(userStore.getBoolean("can_action_replenishments")).isTrue();
        JsonArray permissions = userStore.getJsonArray("permissions");
        assertThat(permissions).hasSize(StorePermission.SLOTS);
        List<Integer> granted = IntStream.range(0, permissions.size())
                .filter(i -> permissions.get(i) == JsonValue.TRUE).boxed().toList();
        assertThat(granted).containsExactly(0, 155, 514);
        assertThat(permissions).allMatch(flag -> flag == JsonValue.TRUE || flag == JsonValue.FALSE);
    }

    @Test
    void textsTheCentralDoesNotKnowAreEmptyNeverNull() {
        UserAccount user = UserAccount.created("nobody", "hash", new UserDetails(null, null, null, null), "admin");

        JsonObject answer = LoginAnswer.success(user, List.of(), "", "");

        assertThat(answer.getString("userFirstName")).isEmpty();
        assertThat(answer.getJsonObject("userInfo").getJsonObject("user").getString("job_title")).isEmpty();
        assertThat(answer.getJsonObject("userInfo").getJsonArray("userStores")).isEmpty();
        assertThat(answer.toString()).doesNotContain("null").doesNotContain("hash");
    }

    @Test
    void aLockedNameIsAnsweredWithTheTimeoutTheClientCountsDown() {
        JsonObject blocked = LoginAnswer.blocked(61_500);

        assertThat(blocked.getString("status")).isEqualTo("user_login_timeout");
        assertThat(blocked.getJsonNumber("timeoutRemaining").longValueExact()).isEqualTo(61_500);
    }
}
