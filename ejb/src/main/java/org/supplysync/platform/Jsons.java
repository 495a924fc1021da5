package org.supplysync.platform;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;

/**
 * One JSON-P provider for the application. {@code Json.createXxx} looks the provider up again on every call (a
 * service-loader search through the server's class loaders), which is most of the cost when records go through by the
 * thousand.
 */
public final class Jsons {

    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObject parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    public static JsonArray parseArray(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }

    /** A JSON string literal, quotes and escapes included. */
    public static String quoted(String text) {
        return JSON.createValue(text).toString();
    }
}
