package org.supplysync.push.control;

import jakarta.json.JsonException;
import org.junit.jupiter.api.Test;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;
import org.supplysync.platform.InvalidRequestException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A push body read as a stream: the same answers as reading it whole, one record at a time. */
class PushBodyTest {

    private static final Map<String, DataType> REGISTRY = Map.of(
            "transact", new DataType("transact", DataTypeKind.STORE, "store_ID", null, null, "name_ID", null, false, false),
            "trans_line", new DataType("trans_line", DataTypeKind.STORE, null, "transact", "transaction_ID", null, null,
                    false, false));

    @Test
    void keepsEachRecordAsTheTextOfItsDataAsSentAndOrdersLinesLast() {
        PushBody body = read("""
                {"queueLength": 3, "data": [
                  {"tableName": "transact", "recordId": "T1", "action": "Update", "recordData": {"ID": "T1", "store_ID": "S", "n": [1, 2.50, 1e3]}},
                  {"recordData" :
                    {"ID":"L1","transaction_ID":"T1","note":"caf\\u00e9 } \\" ]","name":"café"} , "tableName": "trans_line", "recordId": "L1", "action": "Update"}
                ]}""");
        assertThat(body.queueLength()).isEqualTo(3);
        assertThat(body.refused()).isEmpty();
        assertThat(body.rows()).containsExactly(
                new PushBody.Row("transact", "T1", "Update", "{\"ID\": \"T1\", \"store_ID\": \"S\", \"n\": [1, 2.50, 1e3]}",
                        BufferPieces.PARENTS),
                new PushBody.Row("trans_line", "L1", "Update",
                        "{\"ID\":\"L1\",\"transaction_ID\":\"T1\",\"note\":\"caf\\u00e9 } \\\" ]\",\"name\":\"café\"}",
                        BufferPieces.LINES));
    }

    @Test
    void cutsTheRecordsOfABodyLongerThanTheParsersBufferWhereTheyAre() {
        StringBuilder json = new StringBuilder("{\"queueLength\": 0, \"data\": [");
        for (int i = 0; i < 500; i++) {
            json.append(i == 0 ? "" : ",\n").append("{\"tableName\": \"transact\", \"recordId\": \"T").append(i)
                    .append("\", \"action\": \"Update\", \"recordData\": {\"ID\": \"T").append(i).append("\", \"pad\": \"")
                    .append("x".repeat(i * 7 % 300)).append("\"}}");
        }
        PushBody body = PushBody.read(stream(json.append("]}").toString()), 500, REGISTRY);
        assertThat(body.rows()).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(body.rows().get(i).data())
                    .isEqualTo("{\"ID\": \"T" + i + "\", \"pad\": \"" + "x".repeat(i * 7 % 300) + "\"}");
        }
    }

    @Test
    void readsQueueLengthWhereverItComes() {
        PushBody body = read("{\"data\": [{\"tableName\": \"transact\", \"recordId\": \"T1\", \"action\": \"Delete\"}],"
                + " \"queueLength\": 0}");
        assertThat(body.queueLength()).isZero();
        assertThat(body.rows()).extracting(PushBody.Row::data).containsExactly("{}");
    }

    @Test
    void refusesAMalformedRecordAndKeepsTheRest() {
        PushBody body = read("{\"queueLength\": 0, \"data\": [null, 1, {\"tableName\": \"nope\", \"recordId\": \"X\","
                + " \"action\": \"Update\", \"recordData\": {\"a\": 1}},"
                + " {\"tableName\": \"transact\", \"recordId\": \"T2\", \"action\": \"Update\", \"recordData\": {}}]}");
        assertThat(body.rows()).extracting(PushBody.Row::recordId).containsExactly("T2");
        assertThat(body.refused()).hasSize(3);
        assertThat(body.refused().get(2).reason()).contains("unknown table nope");
        assertThat(body.refused().get(2).data()).isEqualTo("{\"a\": 1}");
    }

    @Test
    void readsTheBodysFieldsAsStrictlyAsAnyBody() {
        assertThatThrownBy(() -> read("")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("queueLength is required");
        assertThatThrownBy(() -> read("  []")).hasMessageContaining("must be a JSON object, not an array");
        assertThatThrownBy(() -> read("{\"queueLength\": \"0\", \"data\": []}"))
                .hasMessageContaining("queueLength must be an integer, got \"0\"");
        assertThatThrownBy(() -> read("{\"queueLength\": 0, \"data\": {}}")).hasMessageContaining("data must be an array");
        assertThatThrownBy(() -> read("{\"queueLength\": 0, \"data\": [")).isInstanceOf(JsonException.class);
    }

    @Test
    void refusesNestingDeeperThanTheApplicationParses() {
        String deep = "[".repeat(70) + "]".repeat(70);
        assertThatThrownBy(() -> read("{\"queueLength\": 0, \"data\": [{\"recordData\": {\"x\": " + deep + "}}]}"))
                .isInstanceOf(JsonException.class).hasMessageContaining("nested more than 64 levels");
    }

    @Test
    void refusesAnIdTooLongForTheCentralCopyWhereverItComesAndTheLastOfTwoMembersCounts() {
        String longId = "S".repeat(129);
        PushBody body = read("{\"queueLength\": 0, \"data\": ["
                + transact("T1", "{\"ID\": \"T1\", \"store_ID\": \"" + longId + "\"}") + ","
                + transact("T2", "{\"note\": {\"store_ID\": \"" + longId + "\"}, \"store_ID\": \"S\"}") + ","
                + transact("T3", "{\"store_ID\": \"" + longId + "\", \"ID\": \"T3\", \"store_ID\": \"S\"}") + ","
                + transact("T4", "{\"store_ID\": \"S\", \"store_ID\": \"" + longId + "\"}") + ","
                + transact("T5", "{\"store_ID\": \"" + "\u00e9".repeat(128) + "\"}") + "]}");
        assertThat(body.refused()).extracting(r -> r.recordId()).containsExactly("T1", "T4");
        assertThat(body.refused().get(0).reason()).contains("recordData.store_ID is 129 characters long");
        assertThat(body.rows()).extracting(PushBody.Row::recordId).containsExactly("T2", "T3", "T5");
    }

    @Test
    void readsEveryNumberOfRecordDataAgainstTheParsersLimitsThoughItBuildsNone() {
        String digits = "9".repeat(5000);
        assertThatThrownBy(() -> read("{\"queueLength\": 0, \"data\": ["
                + transact("T1", "{\"ID\": \"T1\", \"lines\": [{\"n\": " + digits + "}]}") + "]}"))
                .isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> read("{\"queueLength\": 0, \"data\": ["
                + transact("T1", "{\"ID\": \"T1\", \"n\": 1,}") + "]}")).isInstanceOf(JsonException.class);
    }

    @Test
    void aRecordDataThatIsNotAnObjectIsKeptAsNone() {
        PushBody body = read("{\"queueLength\": 0, \"data\": ["
                + "{\"tableName\": \"transact\", \"recordId\": \"T1\", \"action\": \"Delete\", \"recordData\": [1]},"
                + "{\"tableName\": \"transact\", \"recordId\": \"T2\", \"action\": \"Update\","
                + " \"recordData\": {\"ID\": \"T2\"}, \"recordData\": \"x\"}]}");
        assertThat(body.rows()).extracting(PushBody.Row::data).containsExactly("{}", "{}");
    }

    private static String transact(String id, String recordData) {
        return "{\"tableName\": \"transact\", \"recordId\": \"" + id + "\", \"action\": \"Update\", \"recordData\": "
                + recordData + "}";
    }

    @Test
    void stopsAtTheRecordOverTheLimit() {
        String record = "{\"tableName\": \"transact\", \"recordId\": \"T\", \"action\": \"Update\", \"recordData\": {}}";
        assertThat(PushBody.read(stream("{\"queueLength\": 0, \"data\": [" + record + "," + record + "]}"), 2, REGISTRY)
                .records()).isEqualTo(2);
        assertThatThrownBy(() -> PushBody.read(stream("{\"queueLength\": 0, \"data\": [" + record + "," + record + ","
                + record + "]}"), 2, REGISTRY)).isInstanceOf(PushBody.TooManyRecords.class).hasMessageContaining("at most 2");
    }

    private static PushBody read(String json) {
        return PushBody.read(stream(json), 100, REGISTRY);
    }

    private static ByteArrayInputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
