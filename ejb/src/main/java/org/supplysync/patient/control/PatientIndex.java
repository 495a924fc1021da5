package org.supplysync.patient.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.supplysync.platform.Jsons;
import org.supplysync.platform.MultiRowInsert;
import org.supplysync.platform.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps what a patient search looks at (V12: {@code patient_search}, {@code patient_policy}) in step with the central
 * copy, over the intake's connection and in its transaction: a patient {@code name} gives its code, names, date of
 * birth and barcode, a {@code nameInsuranceJoin} its policy numbers. The same reading of the fields as V12's.
 */
public final class PatientIndex {

    private static final String NAME = "name";
    private static final String POLICY = "nameInsuranceJoin";
    private static final String[] POLICY_NUMBERS = {"policyNumberFull", "policyNumberPerson", "policyNumberFamily"};
    private static final int MAX_TEXT = 255;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String NO_DATE = "0000-00-00";
    private static final MultiRowInsert PATIENTS = new MultiRowInsert(
            "insert into patient_search (name_id, code, first_name, last_name, date_of_birth, barcode) values",
            "(?, ?, ?, ?, ?, ?)", """
             on duplicate key update code = values(code), first_name = values(first_name),
                last_name = values(last_name), date_of_birth = values(date_of_birth), barcode = values(barcode)""");
    private static final MultiRowInsert POLICIES = new MultiRowInsert(
            "insert ignore into patient_policy (join_id, policy_number, name_id) values", "(?, ?, ?)", "");

    private PatientIndex() {
    }

    /** Whether a change of the table's records may change what a search finds. */
    public static boolean covers(String tableName) {
        return NAME.equals(tableName) || POLICY.equals(tableName);
    }

    /**
     * A record of a covered table as the central copy now holds it: {@code data} null once it is deleted or not held;
     * {@code patient} whether the central reckons it a patient's.
     */
    public record Change(String tableName, String recordId, String data, boolean patient) {
    }

    public static void write(Connection db, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<Change> names = changes.stream().filter(change -> NAME.equals(change.tableName())).toList();
        List<Change> policies = changes.stream().filter(change -> POLICY.equals(change.tableName())).toList();
        writePatients(db, names);
        writePolicies(db, policies);
    }

    private static void writePatients(Connection db, List<Change> names) throws SQLException {
        List<Object> gone = new ArrayList<>();
        List<Object[]> found = new ArrayList<>();
        for (Change name : names) {
            if (name.data() == null || !name.patient()) {
                // Deleted, merged away, or no patient any more: never found again.
                gone.add(name.recordId());
            } else {
                JsonObject data = Jsons.parse(name.data());
                found.add(new Object[]{name.recordId(), text(data, "code"), text(data, "first"), text(data, "last"),
                        dateOfBirth(data), text(data, "barcode")});
            }
        }
        Sql.deleteIn(db, "patient_search", "name_id", gone);
        PATIENTS.write(db, found);
    }

    private static void writePolicies(Connection db, List<Change> policies) throws SQLException {
        Sql.deleteIn(db, "patient_policy", "join_id", policies.stream().map(Change::recordId).toList());
        List<Object[]> numbered = new ArrayList<>();
        for (Change policy : policies) {
            JsonObject data = policy.data() == null ? JsonValue.EMPTY_JSON_OBJECT : Jsons.parse(policy.data());
            String patient = text(data, "nameID");
            for (String number : numbers(data)) {
                if (!patient.isEmpty()) {
                    numbered.add(new Object[]{policy.recordId(), number, patient});
                }
            }
        }
        POLICIES.write(db, numbered);
    }

    private static Set<String> numbers(JsonObject policy) {
        Set<String> numbers = new LinkedHashSet<>();
        for (String field : POLICY_NUMBERS) {
            String number = text(policy, field);
            if (!number.isEmpty()) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    /** YYYY-MM-DD, or null for none ("0000-00-00", empty, or not a date). */
    static String dateOfBirth(JsonObject data) {
        String text = text(data, "date_of_birth");
        String date = text.length() >= 10 ? text.substring(0, 10) : text;
        return DATE.matcher(date).matches() && !NO_DATE.equals(date) ? date : null;
    }

    /** A field as text of at most {@value MAX_TEXT} characters; "" when absent or not a text or number. */
    static String text(JsonObject data, String field) {
        JsonValue value = data.get(field);
        String text = value instanceof JsonString string ? string.getString()
                : value instanceof JsonNumber number ? number.toString() : "";
        return text.codePointCount(0, text.length()) <= MAX_TEXT ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_TEXT));
    }
}
