package org.supplysync.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's heap, read from outside: Payara's MicroProfile Metrics ({@code GET /metrics}, base scope,
 * {@code memory.usedHeap} in the OpenMetrics text), else {@code jcmd <pid> GC.heap_info} when the server's process
 * id is known (the bench runs on the server's machine). Neither available: the heap is reported unknown, not failed.
 */
public final class ServerHeap {

    private static final Pattern METRIC = Pattern.compile("(?m)^[a-z_]*memory_?usedHeap(?:_bytes)?(?:\\{[^}]*})?\\s+([0-9.eE+]+)");
    private static final Pattern JCMD = Pattern.compile("total \\d+K, used (\\d+)K");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;
    private final long pid;
    private volatile String source = "unknown";

    /** {@code pid} 0: no process to ask with jcmd. */
    public ServerHeap(String serverUrl, long pid) {
        this.metrics = URI.create(serverUrl + "/metrics");
        this.pid = pid;
    }

    /** Where the last reading came from: "/metrics", "jcmd", or "unknown". */
    public String source() {
        return source;
    }

    /** The used heap in bytes, or -1 when it cannot be read. */
    public long usedBytes() {
        long fromMetrics = fromMetrics();
        if (fromMetrics >= 0) {
            source = "/metrics (memory.usedHeap)";
            return fromMetrics;
        }
        long fromJcmd = pid > 0 ? fromJcmd() : -1;
        source = fromJcmd >= 0 ? "jcmd " + pid + " GC.heap_info" : "unknown";
        return fromJcmd;
    }

    /** In MiB for a report, "?" when unknown. */
    public String usedMiB() {
        long used = usedBytes();
        return used < 0 ? "?" : String.format(java.util.Locale.ROOT, "%.0f MiB", used / (1024.0 * 1024));
    }

    private long fromMetrics() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30))
                    .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (answer.statusCode() != 200) {
                return -1;
            }
            Matcher value = METRIC.matcher(answer.body());
            return value.find() ? (long) Double.parseDouble(value.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private long fromJcmd() {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return -1;
            }
            Matcher used = JCMD.matcher(out);
            return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
