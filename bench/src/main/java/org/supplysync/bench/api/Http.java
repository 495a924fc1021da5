package org.supplysync.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.supplysync.bench.BenchmarkFailure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One HTTP client for the whole run (it pools connections, as a long-lived remote site would keep its own), and
 * answers checked against what the API promises, so a failure says exactly which request got what.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** Generous: under a full run's load one push of 1,000 records may wait a while for the database. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    // HTTP/1.1 as Open mSupply's client speaks it; the default would try an h2c upgrade on every new connection.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String baseUrl;

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
    }

    Reply send(HttpRequest request) {
        String what = request.method() + " " + request.uri().getRawPath()
                + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            // java.net.http leaves decompression to the caller; reqwest (Open mSupply) does it transparently.
            boolean gzipped = response.headers().firstValue("Content-Encoding")
                    .map(encoding -> encoding.equalsIgnoreCase("gzip")).orElse(false);
            byte[] body = gzipped ? gunzip(response.body()) : response.body();
            return new Reply(what, response.statusCode(), body, gzipped, response.body().length);
        } catch (ConnectException e) {
            throw new BenchmarkFailure(what + ": nothing answers at " + baseUrl + " (is the server running? ./supplysync status)", e);
        } catch (IOException e) {
            throw new BenchmarkFailure(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure(what + " interrupted", e);
        }
    }

    private static byte[] gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a gzip response that does not decompress", e);
        }
    }

    /** An answer: status, body (decompressed), and whether and how big it came over the wire. */
    public record Reply(String request, int status, byte[] body, boolean gzipped, int wireBytes) {

        public Reply expect(int... statuses) {
            if (Arrays.stream(statuses).noneMatch(expected -> expected == status)) {
                throw new BenchmarkFailure(request + " answered HTTP " + status + " (expected "
                        + Arrays.toString(statuses) + "): " + abbreviated(text()));
            }
            return this;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new BenchmarkFailure(request + " answered something that is not JSON: " + abbreviated(text()), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        private static String abbreviated(String text) {
            return text.length() <= 2000 ? text : text.substring(0, 2000) + "… (" + text.length() + " characters)";
        }
    }
}
