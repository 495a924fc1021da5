package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.supplysync.it.CampaignFigures.Violation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The calls of an abuse campaign, each counted under its category and its answer checked against the promises every
 * answer keeps whatever was sent: no 5xx, no stack trace or Java class name, an error in the shape of its API.
 */
final class Campaign {

    private static final HttpClient HTTP = RemoteSite.HTTP;
    private static final String ADMIN_AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    final CampaignFigures figures;

    Campaign(CampaignFigures figures) {
        this.figures = figures;
    }

    /** A call as the site makes it (its credentials and sync headers), the body as given. */
    Answer site(String category, RemoteSite site, String method, String path, byte[] body) {
        return send(category, site.request(path).method(method, publisher(body)));
    }

    /** The same call, uncounted: what a campaign asks to see its own effect. */
    Answer site(RemoteSite site, String path, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(site.request(path).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** A call as an administrator. */
    Answer admin(String category, String method, String path, byte[] body) {
        return admin(category, method, path, body, "Content-Type", "application/json");
    }

    /** A call as an administrator with one header as given. */
    Answer admin(String category, String method, String path, byte[] body, String header, String value) {
        return send(category, HttpRequest.newBuilder(URI.create(Api.BASE_URI + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", ADMIN_AUTHORIZATION)
                .header("Content-Type", "application/json")
                .setHeader(header, value)
                .method(method, publisher(body)));
    }

    Answer admin(String category, String method, String path, String body) {
        return admin(category, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Any request; its answer checked by the API its path belongs to. */
    Answer send(String category, HttpRequest.Builder request) {
        figures.tried(category);
        HttpRequest built = request.build();
        String call = built.method() + " " + built.uri().getRawPath() + " (" + category + ")";
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            Answer answer = new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
            check(call, Shape.of(built.uri().getRawPath()), answer, "GET".equals(built.method()) && answer.status == 200);
            return answer;
        } catch (IOException e) {
            figures.violation(Violation.NO_ANSWER, e + " on " + call);
            return new Answer(0, "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The checks every answer passes, whatever the request. A read's data is what sites and tests stored, so only a
     * stack trace counts there; everything else the server says is checked for class names too.
     */
    void check(String call, Shape shape, Answer answer, boolean storedData) {
        if (answer.isListenersRefusal()) {
            figures.refusedByListener();
            return;
        }
        if (answer.status >= 500) {
            figures.violation(Violation.SERVER_ERROR, call + " -> " + answer.status + " " + answer.body);
        }
        if (HostileInput.STACK_TRACE.matcher(answer.body).find()
                || !storedData && HostileInput.INTERNALS.matcher(answer.body).find()) {
            figures.violation(Violation.INTERNALS, call + " -> " + answer.status + " " + answer.body);
        }
        if (answer.status >= 400 && !shape.fits(answer)) {
            figures.violation(Violation.WRONG_SHAPE, call + " -> " + answer.status + " " + answer.contentType + " "
                    + answer.body);
        }
    }

    boolean healthy() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(Api.BASE_URI + "/health"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpRequest.BodyPublisher publisher(byte[] body) {
        return body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
    }

    /** The error shape of each API (msupply-sync-v5.md §1.3, admin-api.md, the v4 calls of the client). */
    enum Shape {
        V5, V4, PROBLEM;

        static Shape of(String path) {
            if (path.startsWith("/sync/") || path.startsWith("/central/")) {
                return V5;
            }
            return path.startsWith("/api/v4/") ? V4 : PROBLEM;
        }

        boolean fits(Answer answer) {
            JsonNode body = answer.json();
            return switch (this) {
                case V5 -> body != null && body.path("error").path("code").isTextual()
                        && body.path("error").path("message").isTextual() && body.path("error").has("data");
                case V4 -> body != null && body.path("status").isTextual();
                case PROBLEM -> answer.contentType.startsWith("application/problem+json") && body != null
                        && body.path("status").asInt() == answer.status && body.path("title").isTextual();
            };
        }
    }

    /** An HTTP answer as it came; status 0 when none came. */
    record Answer(int status, String contentType, String body) {

        /**
         * A 4xx with nothing in it: Payara's HTTP listener refusing a request it cannot parse (an encoded NUL or overlong
         * UTF-8 in the path, a header over its size, a body not in its Content-Encoding), before any application sees it.
         */
        boolean isListenersRefusal() {
            return status >= 400 && status < 500 && body.isEmpty() && contentType.isEmpty();
        }

        /** The body as JSON, or null when it is not. */
        JsonNode json() {
            try {
                return RemoteSite.JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
