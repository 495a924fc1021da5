package org.supplysync.platform;

import jakarta.json.JsonException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one JSON parser: bounded nesting, and every refusal a JsonException (which both APIs answer with a 400). */
class JsonsTest {

    @Test
    void refusesNestingDeeperThanTheLimitBeforeParsing() {
        assertThat(Jsons.depth(Jsons.parseValue(nested(Jsons.MAX_DEPTH)))).isEqualTo(Jsons.MAX_DEPTH);
        assertThatThrownBy(() -> Jsons.parseValue(nested(Jsons.MAX_DEPTH + 1))).isInstanceOf(JsonException.class)
                .hasMessage("objects and arrays are nested more than 64 levels deep");
        assertThatThrownBy(() -> Jsons.parse("{\"data\": " + nested(100_000) + "}")).isInstanceOf(JsonException.class);
    }

    @Test
    void bracketsInsideStringsAreText() {
        String brackets = "[".repeat(200) + "\\\"{" + "{".repeat(200);
        assertThat(Jsons.parse("{\"note\": \"" + brackets + "\"}").getString("note")).startsWith("[[[");
    }

    @Test
    void whatTheParserRefusesForItsOwnLimitsIsAJsonException() {
        assertThatThrownBy(() -> Jsons.parse("{\"n\": " + "9".repeat(5000) + "}")).isInstanceOf(JsonException.class);
    }

    @Test
    void parseAndParseArrayWantTheirKindOfValue() {
        assertThatThrownBy(() -> Jsons.parse("[1]")).isInstanceOf(JsonException.class)
                .hasMessage("expected a JSON object, found an array");
        assertThatThrownBy(() -> Jsons.parseArray("null")).isInstanceOf(JsonException.class)
                .hasMessage("expected a JSON array, found null");
    }

    @Test
    void depthCountsObjectsAndArrays() {
        assertThat(Jsons.depth(Jsons.parseValue("1"))).isZero();
        assertThat(Jsons.depth(Jsons.parse("{}"))).isEqualTo(1);
        assertThat(Jsons.depth(Jsons.parse("{\"a\": [1, {\"b\": []}], \"c\": 2}"))).isEqualTo(4);
    }

    @Test
    void depthOfTheTextIsTheDepthOfTheValue() {
        for (String json : new String[]{"1", "\"{[\"", "{}", "[]", "{\"a\": [1, {\"b\": []}], \"c\": 2}",
                "{\"a\": \"}}]] \\\" {[\", \"b\": [[[\"\\\\\"]]]}", "[{}, [], [[{}]], {\"x\": {\"y\": {}}}]",
                nested(Jsons.MAX_DEPTH)}) {
            assertThat(Jsons.depth(json)).as(json).isEqualTo(Jsons.depth(Jsons.parseValue(json)));
        }
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
