package org.supplysync.web.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.logging.Logger;
import java.util.regex.Pattern;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The error shapes the server speaks: the v5 error body on the sync endpoints (what mSupply sites parse,
 * msupply-sync-v5.md §1.3), the v4 one on the legacy v4 endpoints, RFC 9457 problem details everywhere else.
 */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    /** Qualified class names of the JDK, Jakarta EE, the server's libraries and ours; simple names of exceptions. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(java|javax|jakarta|sun|com\\.sun|org\\.(supplysync|eclipse|glassfish|jboss|apache))\\.\\w"
                    + "|\\b\\w*Exception\\b|\\b[A-Z]\\w*Error\\b");

    private ErrorResponses() {
    }

    public static boolean isSyncPath(UriInfo uri) {
        return isSyncPath(pathOf(uri));
    }

    /** The endpoints of mSupply's legacy v4 API the client calls on the central ({@code /api/v4/login}). */
    public static boolean isV4Path(UriInfo uri) {
        return isV4Path(pathOf(uri));
    }

    public static Response of(UriInfo uri, int status, String title, String code, String detail) {
        return of(pathOf(uri), status, title, code, detail);
    }

    /** The error for a request path (with or without its leading slash), in the shape of the API it belongs to. */
    public static Response of(String path, int status, String title, String code, String detail) {
        if (isSyncPath(path)) {
            return v5(status, code, detail, JsonValue.NULL);
        }
        return isV4Path(path) ? v4(status, code, detail) : Problems.response(status, title, detail);
    }

    private static String pathOf(UriInfo uri) {
        return uri == null ? "" : uri.getPath();
    }

    private static boolean isSyncPath(String path) {
        return path.startsWith("sync/") || path.startsWith("/sync/");
    }

    private static boolean isV4Path(String path) {
        return path.startsWith("api/v4/") || path.startsWith("/api/v4/");
    }

    /**
     * {@code {"status": "error", "code", "message"}}: a v4 client reads the status of the answer and, for a login,
     * its {@code status} field ("error" is one it knows), never more.
     */
    public static Response v4(int status, String code, String message) {
        JsonObject body = JSON.createObjectBuilder()
                .add("status", "error")
                .add("code", code)
                .add("message", message == null ? code : safe(message))
                .build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
    }

    /** {@code {"error": {"code", "message", "data"}}}. */
    public static Response v5(int status, String code, String message, JsonValue data) {
        JsonObject body = JSON.createObjectBuilder()
                .add("error", JSON.createObjectBuilder()
                        .add("code", code)
                        .add("message", message == null ? code : safe(message))
                        .add("data", data))
                .build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString()).build();
    }

    /**
     * {@code {"status": "error", "message"}}: the v4 client reads the HTTP status (401: wrong credentials, anything
     * but 200: an error, whose body it shows as text), and its login answers carry {@code status} the same way.
     */
    public static Response v4(int status, String message) {
        return v4(status, codeOf(status), message);
    }

    /**
     * The message, unless it names a Java class or exception (a library's message passed through by mistake): callers
     * get what they did wrong, never the server's internals. What is withheld is logged.
     */
    public static String safe(String message) {
        if (message == null || !INTERNALS.matcher(message).find()) {
            return message;
        }
        LOG.warning(() -> "withheld from an error answer: " + message);
        return "the request could not be processed as sent";
    }

    /** A snake_case code for an HTTP status, for errors that have no more precise one. */
    public static String codeOf(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorised";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unknown_reference";
            case 429 -> "too_many_requests";
            case 501 -> "not_implemented";
            case 503 -> "sync_is_running";
            default -> status >= 500 ? "internal_error" : "request_error";
        };
    }
}
