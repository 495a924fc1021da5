package org.supplysync.client.api;

import java.util.Locale;

/**
 * A sync call that did not succeed: no connection, a timeout, a non-2xx answer (with the v5 error code when the
 * body had one), or an answer the client cannot read. {@link #readable()} says it for a person.
 */
public class SyncApiException extends RuntimeException {

    /** What went wrong. */
    public enum Kind { CONNECTION, TIMEOUT, HTTP, PROTOCOL }

    private final Kind kind;
    private final String endpoint;
    private final int status;
    private final String code;
    private final String serverMessage;

    public SyncApiException(Kind kind, String endpoint, int status, String code, String serverMessage, Throwable cause) {
        super(describe(kind, endpoint, status, code, serverMessage), cause);
        this.kind = kind;
        this.endpoint = endpoint;
        this.status = status;
        this.code = code;
        this.serverMessage = serverMessage;
    }

    public Kind kind() {
        return kind;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** The v5 error code ({@code {"error":{"code":...}}}), or null. */
    public String code() {
        return code;
    }

    public String serverMessage() {
        return serverMessage;
    }

    /** A readable one-line explanation with what to do about it. */
    public String readable() {
        String detail = serverMessage == null || serverMessage.isBlank() ? "" : " (" + serverMessage + ")";
        return switch (kind) {
            case CONNECTION -> "cannot reach the server for " + endpoint + ": " + serverMessage;
            case TIMEOUT -> "the server did not answer in time on " + endpoint + ": " + serverMessage;
            case PROTOCOL -> "the server's answer on " + endpoint + " is not what the sync protocol expects: " + serverMessage;
            case HTTP -> switch (status) {
                case 401 -> "site_incorrect_hardware_id".equals(code)
                        ? "this site is bound to another device (hardware id); ask the administrator to unbind it" + detail
                        : "wrong site name or password" + detail;
                case 403 -> "the server refused access (403)" + detail;
                case 404 -> "the server has no " + endpoint + " (404): is the server URL right?" + detail;
                case 408 -> "the server timed out waiting for the request (408), three times" + detail;
                case 409 -> "the server does not accept this client's sync API version " + SyncV5Api.SYNC_VERSION
                        + " (409 " + nullToEmpty(code) + ")" + detail;
                case 413 -> "the server refused a batch as too large (413); use a smaller batch size" + detail;
                case 501 -> "the server does not implement " + endpoint + " (501 " + nullToEmpty(code) + ")" + detail;
                case 503 -> "the server is busy (503 " + nullToEmpty(code) + "); try again later" + detail;
                default -> status >= 500
                        ? "the server failed on " + endpoint + " (HTTP " + status + (code == null ? "" : " " + code) + ")" + detail
                        : "the server refused " + endpoint + " (HTTP " + status + (code == null ? "" : " " + code) + ")" + detail;
            };
        };
    }

    private static String describe(Kind kind, String endpoint, int status, String code, String message) {
        return kind.name().toLowerCase(Locale.ROOT) + " error on " + endpoint
                + (status > 0 ? " HTTP " + status : "") + (code != null ? " " + code : "")
                + (message != null ? ": " + message : "");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
