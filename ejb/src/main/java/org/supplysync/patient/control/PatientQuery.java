package org.supplysync.patient.control;

import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Requests;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A search of {@code GET /api/v4/patient} as Open mSupply sends it ({@code PatientParamsV4} in apis/patient_v4.rs:
 * absent parameters are left out): the text criteria in 4D's wildcard form, a date of birth, whether deleted patients
 * are wanted, and a page. Read from the query parameters by their wire names; a blank one counts as absent.
 */
public record PatientQuery(Map<String, TextMatch> texts, Optional<LocalDate> dateOfBirth, boolean deleted, int limit,
                           int offset) {

    public static final int DEFAULT_LIMIT = 50;
    /** Most patients one search returns: its audit names every one of them. */
    public static final int MAX_LIMIT = 100;
    private static final int MAX_TEXT = 255;

    private static final String POLICY_NUMBER = "policy_number";
    /** The text parameters and the projection column (V12) each is compared with. */
    private static final Map<String, String> COLUMNS = columns();

    /** A condition on {@code patient_search p} and its parameters, in order. */
    public record Where(String sql, List<Object> parameters) {
    }

    /** The query the parameters describe; a 400 naming the parameter that is not what the API takes. */
    public static PatientQuery of(Map<String, String> parameters) {
        Map<String, TextMatch> texts = new LinkedHashMap<>();
        COLUMNS.keySet().forEach(name -> present(parameters, name)
                .ifPresent(text -> texts.put(name, TextMatch.of(Requests.fitting(text, name, MAX_TEXT)))));
        Optional<LocalDate> dob = present(parameters, "dob").map(PatientQuery::date);
        boolean deleted = present(parameters, "is_deleted").map(PatientQuery::bool).orElse(false);
        int limit = present(parameters, "limit").map(text -> number(text, "limit", 1)).orElse(DEFAULT_LIMIT);
        int offset = present(parameters, "offset").map(text -> number(text, "offset", 0)).orElse(0);
        return new PatientQuery(texts, dob, deleted, Math.min(limit, MAX_LIMIT), offset);
    }

    /**
     * True when no patient can match: deleted patients are asked for (the central keeps a deleted patient as a
     * tombstone, never searched), or nothing is asked at all (a search names the patient it looks for; it never
     * lists every patient).
     */
    public boolean findsNothing() {
        return deleted || (texts.isEmpty() && dateOfBirth.isEmpty());
    }

    public Where where() {
        StringJoiner sql = new StringJoiner(" and ");
        List<Object> parameters = new ArrayList<>();
        texts.forEach((name, match) -> {
            String condition = match.condition(COLUMNS.get(name));
            // A patient has any number of policies.
            sql.add(POLICY_NUMBER.equals(name)
                    ? "p.name_id in (select pp.name_id from patient_policy pp where " + condition + ")" : condition);
            parameters.add(match.parameter());
        });
        dateOfBirth.ifPresent(dob -> {
            sql.add("p.date_of_birth = ?");
            parameters.add(dob.toString());
        });
        return new Where(sql.length() == 0 ? "true" : sql.toString(), parameters);
    }

    /** What was asked, by parameter name, for the audit. */
    public Map<String, String> asked() {
        Map<String, String> asked = new LinkedHashMap<>();
        texts.forEach((name, match) -> asked.put(name, match.text()));
        dateOfBirth.ifPresent(dob -> asked.put("dob", dob.toString()));
        if (deleted) {
            asked.put("is_deleted", "true");
        }
        asked.put("limit", Integer.toString(limit));
        asked.put("offset", Integer.toString(offset));
        return asked;
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("first_name", "p.first_name");
        columns.put("last_name", "p.last_name");
        columns.put("code", "p.code");
        columns.put(POLICY_NUMBER, "pp.policy_number");
        columns.put("barcode", "p.barcode");
        return Collections.unmodifiableMap(columns);
    }

    private static Optional<String> present(Map<String, String> parameters, String name) {
        return Optional.ofNullable(parameters.get(name)).filter(value -> !value.isBlank());
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("dob must be a date as YYYY-MM-DD, got \"" + text + "\"");
        }
    }

    private static boolean bool(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidRequestException("is_deleted must be true or false, got \"" + text + "\"");
        };
    }

    private static int number(String text, String name, int least) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(name + " must be a whole number of at least " + least + ", got \"" + text + "\"");
    }
}
