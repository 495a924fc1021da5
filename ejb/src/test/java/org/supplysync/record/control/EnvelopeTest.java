package org.supplysync.record.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.supplysync.datatype.entity.DataType;
import org.supplysync.datatype.entity.DataTypeKind;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a record's envelope must be for the central copy to hold it, checked one record at a time. */
class EnvelopeTest {

    private static final Map<String, DataType> REGISTRY = Map.of(
            "Location", type("Location", DataTypeKind.STORE, "store_ID", null, null, null, null),
            "transact", type("transact", DataTypeKind.STORE, "store_ID", null, null, "name_ID", null),
            "trans_line", type("trans_line", DataTypeKind.STORE, null, "transact", "transaction_ID", null, null),
            "nameInsuranceJoin", type("nameInsuranceJoin", DataTypeKind.PATIENT, null, null, null, null, "nameID"),
            "message", type("message", DataTypeKind.MESSAGE, "toStoreID", null, null, null, null),
            "name", type("name", DataTypeKind.CENTRAL, null, null, null, null, "ID"));

    @Test
    void acceptsAnOrdinaryRecord() {
        assertThat(problem("Location", "L1", "Update", row("ID", "L1", "store_ID", "STORE_A"))).isEmpty();
    }

    @Test
    void refusesMissingIdentifiersAnUnknownTableAndAnUnknownAction() {
        assertThat(problem(null, "L1", "Update", row())).contains("tableName is missing");
        assertThat(problem("Location", " ", "Update", row())).contains("recordId is missing");
        assertThat(problem("no_such_table", "X", "Update", row()).orElseThrow()).contains("unknown table no_such_table");
        assertThat(problem("Location", "L1", "Upsert", row()).orElseThrow()).contains("unknown action \"Upsert\"");
    }

    @Test
    void refusesATableNameLongerThanItsColumnOf64Characters() {
        assertThat(problem("t".repeat(65), "X", "Update", row()))
                .contains("tableName is 65 characters long; at most 64 are allowed");
        assertThat(problem("t".repeat(64), "X", "Update", row()).orElseThrow()).contains("unknown table");
    }

    @Test
    void refusesARecordIdLongerThanItsColumnOf128Characters() {
        assertThat(problem("Location", "r".repeat(129), "Update", row("store_ID", "A")))
                .contains("recordId is 129 characters long; at most 128 are allowed");
        assertThat(problem("Location", "r".repeat(128), "Update", row("store_ID", "A"))).isEmpty();
    }

    @Test
    void countsCharactersAsMariaDbDoesNotUtf16Units() {
        String emoji = "\uD83D\uDC8A".repeat(128);
        assertThat(emoji.length()).isEqualTo(256);
        assertThat(problem("Location", emoji, "Update", row("store_ID", "A"))).isEmpty();
        assertThat(problem("Location", emoji + "x", "Update", row("store_ID", "A")).orElseThrow())
                .contains("129 characters");
    }

    @Test
    void refusesRecordDataNestedDeeperThanMariaDbsJsonValidAccepts() {
        // JSON_VALID takes 31 nested objects or arrays and refuses 32 (MariaDB 11.4, tried).
        assertThat(problem("Location", "L1", "Update", nested(31))).isEmpty();
        assertThat(problem("Location", "L1", "Update", nested(32)).orElseThrow())
                .contains("recordData nests objects and arrays 32 levels deep").contains("at most 31");
    }

    @Test
    void refusesAnOwnershipOrRoutingFieldLongerThanAnIdColumn() {
        String tooLong = "x".repeat(300);
        assertThat(problem("message", "M1", "Update", row("toStoreID", tooLong)))
                .contains("recordData.toStoreID is 300 characters long; at most 128 are allowed");
        assertThat(problem("transact", "T1", "Update", row("store_ID", "A", "name_ID", tooLong)).orElseThrow())
                .contains("recordData.name_ID");
        assertThat(problem("trans_line", "TL1", "Update", row("transaction_ID", tooLong)).orElseThrow())
                .contains("recordData.transaction_ID");
        assertThat(problem("nameInsuranceJoin", "I1", "Update", row("nameID", tooLong)).orElseThrow())
                .contains("recordData.nameID");
        assertThat(problem("Location", "L1", "Update", row("store_ID", tooLong)).orElseThrow())
                .contains("recordData.store_ID");
        // Fields that decide nothing may be long; so may an ownership field that is not text (ownership judges it).
        assertThat(problem("Location", "L1", "Update", row("store_ID", "A", "Description", tooLong))).isEmpty();
        assertThat(problem("message", "M1", "Update", Json.createObjectBuilder().add("toStoreID", 12).build())).isEmpty();
    }

    @Test
    void refusesMergeIdsLongerThanARecordId() {
        assertThat(problem("name", "N1", "merge", row("mergeIdToKeep", "N1", "mergeIdToDelete", "y".repeat(129))))
                .contains("recordData.mergeIdToDelete is 129 characters long; at most 128 are allowed");
        assertThat(problem("name", "N1", "merge", row("mergeIdToKeep", "N1", "mergeIdToDelete", "N2"))).isEmpty();
    }

    private static Optional<String> problem(String table, String id, String action, JsonObject data) {
        return Envelope.problem(new IncomingRecord(table, id, action, data), REGISTRY);
    }

    /** {"store_ID": "A", "x": [[...]]}: {@code depth} objects and arrays, the record itself included. */
    private static JsonObject nested(int depth) {
        JsonValue inner = Json.createArrayBuilder().add(1).build();
        for (int i = 2; i < depth; i++) {
            inner = Json.createArrayBuilder().add(inner).build();
        }
        return Json.createObjectBuilder().add("store_ID", "A").add("x", inner).build();
    }

    private static JsonObject row(String... fields) {
        var row = Json.createObjectBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            row.add(fields[i], fields[i + 1]);
        }
        return row.build();
    }

    private static DataType type(String table, DataTypeKind kind, String storeField, String parentTable,
                                 String parentField, String transferField, String patientField) {
        return new DataType(table, kind, storeField, parentTable, parentField, transferField, patientField, false, false);
    }
}
