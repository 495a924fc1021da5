package org.supplysync.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.Locale;

/**
 * One JSON-P provider for the application. {@code Json.createXxx} looks the provider up again on every call (a
 * service-loader search through the server's class loaders), which is most of the cost when records go through by the
 * thousand.
 */
public final class Jsons {

    public static final JsonProvider JSON = JsonProvider.provider();

    /**
     * The deepest nesting of objects and arrays parsed anywhere: far above any mSupply record (a pushed batch nests its
     * records' fields 4 levels down), far below what would strain the parser or the stack, and the same whatever JSON-P
     * implementation the server brings (Parsson stops at 1,000 with an exception of no JSON type).
     */
    public static final int MAX_DEPTH = 64;

    private Jsons() {
    }

    public static JsonObject parse(String json) {
        return (JsonObject) read(json, JsonValue.ValueType.OBJECT);
    }

    public static JsonArray parseArray(String json) {
        return (JsonArray) read(json, JsonValue.ValueType.ARRAY);
    }

    /** Any JSON value, an object or array no deeper than {@link #MAX_DEPTH}; a {@link JsonException} if not. */
    public static JsonValue parseValue(String json) {
        return read(json, null);
    }

    /** A JSON string literal, quotes and escapes included. */
    public static String quoted(String text) {
        return JSON.createValue(text).toString();
    }

    /**
     * {@link #depth(JsonValue)} of JSON text, read from its brackets outside strings: a scan of the text instead of
     * a walk over every member of the parsed value. Of text that is not JSON yet, the deepest its brackets reach.
     */
    public static int depth(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }

    /** How deep objects and arrays nest in the value: 0 for a scalar, 1 for {@code {}} or {@code [1]}, and so on. */
    public static int depth(JsonValue value) {
        int deepest = 0;
        if (value instanceof JsonObject object) {
            for (JsonValue member : object.values()) {
                deepest = Math.max(deepest, depth(member));
            }
            return deepest + 1;
        }
        if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                deepest = Math.max(deepest, depth(element));
            }
            return deepest + 1;
        }
        return 0;
    }

    private static JsonValue read(String json, JsonValue.ValueType expected) {
        refuseDeeperThan(MAX_DEPTH, json);
        JsonValue value;
        try (var reader = JSON.createReader(new StringReader(json))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            // Parsson reports its own limits (digits of a number, say) with exceptions of no JSON type.
            throw new JsonException(e.getMessage(), e);
        }
        if (expected != null && value.getValueType() != expected) {
            throw new JsonException("expected a JSON " + expected.name().toLowerCase(Locale.ROOT) + ", found " + describe(value));
        }
        return value;
    }

    /** A JSON value as a message names it: "an array", "a number", "null". */
    public static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    /**
     * Counts brackets outside strings before the parser sees the text: the parser (and anything that walks the parsed
     * value) would otherwise go as deep as the caller likes.
     */
    private static void refuseDeeperThan(int limit, String json) {
        if (depth(json) > limit) {
            throw new JsonException("objects and arrays are nested more than " + limit + " levels deep");
        }
    }
}
