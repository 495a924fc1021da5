package org.supplysync.client.api;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a pulled page as envelopes, against a small server that answers with a fixed page. */
class SyncV5ApiTest {

    private HttpServer server;
    private volatile String page;
    private SyncV5Api api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = zipped(page);
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        SyncV5Api.Options options = SyncV5Api.Options.standard();
        api = new SyncV5Api(uri, "site7", SyncV5Api.sha256Hex("pw"), "hw", options,
                SyncV5Api.Connections.of(options), SyncV5Api.Observer.NONE);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anEnvelopeIsReadWhateverTheRecordDataHoldsAndWhereverItsFieldsStand() {
        page = """
                {"queueLength": 5, "data": [
                  {"syncOutId": "1025", "tableName": "transact", "recordId": "T1", "action": "update",
                   "recordData": {"ID": "T1", "lines": [{"recordId": "X", "tableName": "nope"}], "n": 1.5e3, "ok": true}},
                  {"recordData": {"tableName": "inside"}, "action": "delete", "recordId": "L2", "tableName": "Location",
                   "syncOutId": 1026, "extra": [1, {"a": null}]},
                  {"syncOutId": "1027", "tableName": "item_line", "recordId": "é\\u00e9\\n", "action": "update",
                   "recordData": null}
                ], "later": {"data": [{"syncOutId": "0"}]}}""";

        SyncV5Api.EnvelopePage read = api.queuedEnvelopes(10);

        assertThat(read.queueLength()).isEqualTo(5);
        assertThat(read.records()).containsExactly(
                new SyncV5Api.PulledEnvelope("1025", "transact", "T1", "update"),
                new SyncV5Api.PulledEnvelope("1026", "Location", "L2", "delete"),
                new SyncV5Api.PulledEnvelope("1027", "item_line", "éé\n", "update"));
    }

    @Test
    void anEmptyPageIsNoRecords() {
        page = "{\"queueLength\":0,\"data\":[]}";

        assertThat(api.queuedEnvelopes(10).records()).isEmpty();
    }

    @Test
    void aPageThatIsNotOneIsAProtocolError() {
        page = "{\"queueLength\":1,\"data\":[\"not a record\"]}";

        assertThatThrownBy(() -> api.queuedEnvelopes(10)).isInstanceOfSatisfying(SyncApiException.class,
                e -> assertThat(e.kind()).isEqualTo(SyncApiException.Kind.PROTOCOL));
    }

    @Test
    void aGzippedAnswerInflatesWholeWhateverItsTrailerSays() throws IOException {
        // The trailer tells only the last member's length: the first member must not be cut short or lost.
        byte[] first = zipped("{\"queueLength\":2,\"data\":[");
        byte[] second = zipped("]}");
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        assertThat(new String(SyncV5Api.gunzip(both), StandardCharsets.UTF_8))
                .isEqualTo("{\"queueLength\":2,\"data\":[]}");
        assertThat(SyncV5Api.gunzip(zipped(""))).isEmpty();
        // Bytes after the last member are ignored by the inflater, and their claim of a length is not believed.
        byte[] page = zipped("{\"queueLength\":0}");
        byte[] trailing = Arrays.copyOf(page, page.length + 4);
        trailing[page.length] = (byte) 0x00;
        trailing[page.length + 1] = (byte) 0xff;
        trailing[page.length + 2] = (byte) 0xff;
        trailing[page.length + 3] = (byte) 0x7f;
        assertThat(new String(SyncV5Api.gunzip(trailing), StandardCharsets.UTF_8)).isEqualTo("{\"queueLength\":0}");
        assertThat(new String(SyncV5Api.gunzip(zipped("é".repeat(100_000))), StandardCharsets.UTF_8))
                .isEqualTo("é".repeat(100_000));
    }

    private static byte[] zipped(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(bytes)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
