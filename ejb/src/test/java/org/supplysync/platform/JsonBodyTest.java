package org.supplysync.platform;

import jakarta.json.JsonException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request bodies read strictly: the JSON type the contract gives each field, or a 400 that names the field. */
class JsonBodyTest {

    @Test
    void readsFieldsOfTheirContractType() {
        JsonBody body = JsonBody.parse("{\"id\": 2, \"name\": \"north\", \"primary\": true, \"data\": [], \"extra\": {}}");
        assertThat(body.integer("id")).isEqualTo(2);
        assertThat(body.text("name")).isEqualTo("north");
        assertThat(body.bool("primary")).isTrue();
        assertThat(body.array("data")).isEmpty();
    }

    @Test
    void absentAndNullOptionalFieldsTakeTheirDefault() {
        JsonBody body = JsonBody.parse("{\"dispensary\": null}");
        assertThat(body.bool("dispensary", false)).isFalse();
        assertThat(body.bool("includeTransactions", true)).isTrue();
        assertThat(body.optionalText("code")).isEmpty();
        assertThat(body.optionalArray("data")).isEmpty();
    }

    @Test
    void refusesABooleanThatIsNotAJsonBoolean() {
        refused("{\"primary\": \"maybe\"}", body -> body.bool("primary", false), "primary must be true or false, got \"maybe\"");
        refused("{\"primary\": 1}", body -> body.bool("primary"), "primary must be true or false, got 1");
    }

    @Test
    void refusesAnIntegerWithAFractionOrAnExponentOrOutOfRange() {
        refused("{\"id\": 799.5}", body -> body.integer("id"), "id must be an integer, got 799.5");
        refused("{\"id\": 799.0}", body -> body.integer("id"), "id must be an integer");
        refused("{\"id\": 1e999999999}", body -> body.integer("id"), "id must be an integer");
        refused("{\"id\": \"7\"}", body -> body.integer("id"), "id must be an integer, got \"7\"");
        refused("{\"id\": 2147483648}", body -> body.integer("id"), "id must be an integer from -2147483648 to 2147483647");
        refused("{\"queueLength\": 99999999999999999999}", body -> body.wholeNumber("queueLength"), "queueLength is out of range");
        assertThat(JsonBody.parse("{\"n\": 9007199254740993}").wholeNumber("n")).isEqualTo(9007199254740993L);
    }

    @Test
    void refusesATextThatIsNotAString() {
        refused("{\"name\": 5}", body -> body.text("name"), "name must be a string, got 5");
        refused("{\"name\": [\"a\"]}", body -> body.text("name"), "name must be a string, got an array");
    }

    @Test
    void refusesAMissingRequiredField() {
        refused("{}", body -> body.text("password"), "password is required: a string");
        refused("{\"id\": null}", body -> body.integer("id"), "id is required: an integer");
        refused("", body -> body.array("data"), "data is required: an array");
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertThatThrownBy(() -> JsonBody.parse("null")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("the request body must be a JSON object, not null");
        assertThatThrownBy(() -> JsonBody.parse("[]")).isInstanceOf(InvalidRequestException.class)
                .hasMessage("the request body must be a JSON object, not an array");
        assertThatThrownBy(() -> JsonBody.parse("{\"data\": [")).isInstanceOf(JsonException.class);
    }

    @Test
    void aLongValueIsShownShortened() {
        String name = "x".repeat(500);
        assertThatThrownBy(() -> JsonBody.parse("{\"id\": \"" + name + "\"}").integer("id"))
                .hasMessageEndingWith("...").message().hasSizeLessThan(100);
    }

    private static void refused(String json, java.util.function.Consumer<JsonBody> read, String message) {
        assertThatThrownBy(() -> read.accept(JsonBody.parse(json)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(message);
    }
}
