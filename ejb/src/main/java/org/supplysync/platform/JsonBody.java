package org.supplysync.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A request body that must be a JSON object, read strictly: a field is of the JSON type the contract gives it (a
 * boolean is {@code true} or {@code false}, an integer has no fraction, a text is a string), a required field is
 * there, and anything else is a 400 that names the field and what it should be. Absent and {@code null} are the
 * same; fields the contract does not know are ignored.
 */
public final class JsonBody {

    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    /**
     * The body text as a JSON object: no body reads as {@code {}} (whose required fields are then missing); JSON
     * of another kind is a 400, text that is not JSON a {@link jakarta.json.JsonException}.
     */
    public static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            return new JsonBody(JsonValue.EMPTY_JSON_OBJECT);
        }
        JsonValue value = Jsons.parseValue(text);
        if (!(value instanceof JsonObject object)) {
            throw new InvalidRequestException("the request body must be a JSON object, not " + Jsons.describe(value));
        }
        return new JsonBody(object);
    }

    /** An object read already, whose fields are to be read as strictly as a body's. */
    public static JsonBody of(JsonObject object) {
        return new JsonBody(object);
    }

    public JsonObject json() {
        return json;
    }

    public String text(String field) {
        return optionalText(field).orElseThrow(() -> missing(field, "a string"));
    }

    public Optional<String> optionalText(String field) {
        return value(field).map(value -> {
            if (value instanceof JsonString text) {
                return text.getString();
            }
            throw wrongType(field, "a string", value);
        });
    }

    public boolean bool(String field) {
        return optionalBool(field).orElseThrow(() -> missing(field, "true or false"));
    }

    public boolean bool(String field, boolean absent) {
        return optionalBool(field).orElse(absent);
    }

    private Optional<Boolean> optionalBool(String field) {
        return value(field).map(value -> {
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            throw wrongType(field, "true or false", value);
        });
    }

    /** A required integer that fits an {@code int}. */
    public int integer(String field) {
        long value = wholeNumber(field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidRequestException(field + " must be an integer from " + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + ", got " + value);
        }
        return (int) value;
    }

    /** A required integer that fits a {@code long}. */
    public long wholeNumber(String field) {
        JsonValue value = value(field).orElseThrow(() -> missing(field, "an integer"));
        // isIntegral is false for 799.5, 1.0 and 1e3: a JSON integer is written without fraction or exponent.
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw wrongType(field, "an integer", value);
        }
        BigInteger exact = number.bigIntegerValueExact();
        if (exact.compareTo(MIN_LONG) < 0 || exact.compareTo(MAX_LONG) > 0) {
            throw new InvalidRequestException(field + " is out of range, got " + shown(value));
        }
        return exact.longValue();
    }

    public JsonArray array(String field) {
        return optionalArray(field).orElseThrow(() -> missing(field, "an array"));
    }

    public Optional<JsonArray> optionalArray(String field) {
        return value(field).map(value -> {
            if (value instanceof JsonArray array) {
                return array;
            }
            throw wrongType(field, "an array", value);
        });
    }

    private Optional<JsonValue> value(String field) {
        JsonValue value = json.get(field);
        return value == null || value == JsonValue.NULL ? Optional.empty() : Optional.of(value);
    }

    private static InvalidRequestException missing(String field, String expected) {
        return new InvalidRequestException(field + " is required: " + expected);
    }

    private static InvalidRequestException wrongType(String field, String expected, JsonValue value) {
        return new InvalidRequestException(field + " must be " + expected + ", got " + shown(value));
    }

    /** The value as sent, short: a scalar as JSON text, a structure by its kind. */
    private static String shown(JsonValue value) {
        if (value instanceof JsonArray || value instanceof JsonObject) {
            return Jsons.describe(value);
        }
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
