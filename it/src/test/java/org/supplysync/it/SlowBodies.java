package org.supplysync.it;

import org.supplysync.client.api.SyncV5Api;
import org.supplysync.it.CampaignFigures.Violation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Bodies that arrive slowly, or stop arriving, sent byte by byte over raw sockets: a slow push still gets its answer
 * (no 5xx), and sockets stalled mid-body, more of them than the server has workers, leave it answering others.
 */
final class SlowBodies {

    private final Campaign campaign;
    private final RemoteSite site;
    private final URI base = URI.create(Api.BASE_URI);

    SlowBodies(Campaign campaign, RemoteSite site) {
        this.campaign = campaign;
        this.site = site;
    }

    /** A valid push sent one byte at a time over {@code duration}: answered as if it had come at once. */
    void slowPush(String body, Duration duration) throws IOException {
        campaign.figures.tried("slow bodies");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(bytes.length));
            out.flush();
            long pause = Math.max(1, duration.toMillis() / bytes.length);
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                RemoteSite.sleep(pause);
            }
            Campaign.Answer answer = read(socket, Duration.ofSeconds(60));
            if (answer == null) {
                campaign.figures.violation(Violation.NO_ANSWER, "a push sent over " + duration.toSeconds() + " s");
            } else {
                campaign.check("slow push over " + duration.toSeconds() + " s", Campaign.Shape.V5, answer, false);
            }
        }
    }

    /**
     * {@code sockets} pushes that stop halfway through their body and stay open for {@code held}, while another call of
     * the site waits for its answer; once they are closed, that call must be answered (no worker is held for good).
     * Returns how long the answer took, to be recorded: the listener reads a stalled body for a minute before it gives
     * up, so with more stalled sockets than workers the answer may wait for the sockets to close.
     */
    Duration stalledPushes(int sockets, Duration held) throws Exception {
        List<Socket> stalled = new ArrayList<>();
        byte[] half = "{\"queueLength\": 1, \"data\": [{\"tableName\": \"Loca".getBytes(StandardCharsets.UTF_8);
        Instant asked;
        java.util.concurrent.CompletableFuture<Campaign.Answer> answer;
        java.util.concurrent.CompletableFuture<Instant> answered;
        try {
            for (int i = 0; i < sockets; i++) {
                campaign.figures.tried("slow bodies");
                Socket socket = connect();
                stalled.add(socket);
                socket.getOutputStream().write(head(half.length * 4));
                socket.getOutputStream().write(half);
                socket.getOutputStream().flush();
            }
            asked = Instant.now();
            answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return campaign.site(site, "/sync/v5/site_status", Duration.ofSeconds(120));
                } catch (IOException e) {
                    return new Campaign.Answer(0, "", e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Campaign.Answer(0, "", e.toString());
                }
            });
            answered = answer.thenApply(any -> Instant.now());
            RemoteSite.sleep(held.toMillis());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        campaign.figures.tried("slow bodies");
        Campaign.Answer status = answer.get(150, java.util.concurrent.TimeUnit.SECONDS);
        Duration took = Duration.between(asked, answered.get());
        if (status.status() != 200) {
            campaign.figures.violation(Violation.NO_ANSWER, sockets + " pushes stalled mid-body, then closed: site_status"
                    + " -> " + status.status() + " " + status.body() + " after " + took.toMillis() + " ms");
        }
        return took;
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(60_000);
        return socket;
    }

    private byte[] head(int contentLength) {
        String credentials = Base64.getEncoder().encodeToString((site.name + ":" + SyncV5Api.sha256Hex("pw-" + site.name))
                .getBytes(StandardCharsets.UTF_8));
        return ("POST /sync/v5/queued_records HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Authorization: Basic " + credentials + "\r\n"
                + "msupply-site-uuid: HW-" + site.name + "\r\n"
                + "version: 14\r\n"
                + "Content-Length: " + contentLength + "\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The answer on a socket whose request is sent; null when none comes within {@code wait}. */
    private static Campaign.Answer read(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(received);
        } catch (SocketTimeoutException e) {
            // what came so far is all there is
        }
        String text = received.toString(StandardCharsets.UTF_8);
        int endOfHead = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || endOfHead < 0) {
            return null;
        }
        String head = text.substring(0, endOfHead);
        String contentType = head.lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                .map(line -> line.substring(13).trim()).findFirst().orElse("");
        String body = text.substring(endOfHead + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunked(body);
        }
        return new Campaign.Answer(Integer.parseInt(text.substring(9, 12)), contentType, body);
    }

    /** The body of a chunked answer (sizes counted as characters: the answers checked here are ASCII JSON). */
    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        try {
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    break;
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            return body.toString();
        } catch (RuntimeException notChunkedAsExpected) {
            return chunked;
        }
    }
}
