package org.supplysync.user.control;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.supplysync.platform.Jsons;
import org.supplysync.user.entity.UserDetails;

import static org.assertj.core.api.Assertions.assertThat;

class PushedUsersTest {

    @Test
    void keepsARowWithoutAnythingThatMayHoldAPassword() {
        JsonObject row = Jsons.parse("{\"ID\": \"U1\", \"name\": \"ada\", \"password\": \"x\", \"Password_hash\": \"y\","
                + " \"first_name\": \"Ada\"}");

        assertThat(PushedUsers.withoutSecrets(row).keySet()).containsExactly("ID", "name", "first_name");
    }

    @Test
    void describesTheUserAsOpenMsupplyReadsTheRowEmptyTextsAsNone() {
        JsonObject row = Jsons.parse("{\"first_name\": \"Ada\", \"last_name\": \"\", \"e_mail\": \"ada@example.org\","
                + " \"job_title\": 7}");

        assertThat(PushedUsers.details(row)).isEqualTo(new UserDetails("Ada", null, "ada@example.org", null));
    }
}
