package org.supplysync.patient.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supplysync.platform.InvalidRequestException;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A search as Open mSupply sends it (apis/patient_v4.rs, programs/patient/search_central.rs), read as 4D reads it. */
class PatientQueryTest {

    @ParameterizedTest(name = "{0} -> exact {1}, {2}")
    @CsvSource(delimiter = '|', value = {
            // the UI wraps a name as @name@: contains
            "@jo@     | false | %jo%",
            "jo@      | false | jo%",
            "@son     | false | %son",
            "j@n      | false | j%n",
            "@        | false | %",
            // no wildcard: equal (the code of a patient, say)
            "PAT-001  | true  | PAT-001",
            // LIKE's own wildcards and the escape character are text here
            "@50%_!@  | false | %50!%!_!!%",
            "50%_     | true  | 50%_"})
    void readsTheFourDWildcard(String text, boolean exact, String parameter) {
        TextMatch match = TextMatch.of(text);
        assertThat(match.exact()).isEqualTo(exact);
        assertThat(match.parameter()).isEqualTo(parameter);
        assertThat(match.text()).isEqualTo(text);
    }

    @Test
    void aWildcardComparesWithLikeAndItsEscapeAndPlainTextWithEquals() {
        assertThat(TextMatch.of("@jo@").condition("p.first_name")).isEqualTo("p.first_name like ? escape '!'");
        assertThat(TextMatch.of("jo").condition("p.first_name")).isEqualTo("p.first_name = ?");
    }

    @Test
    void theClientsSearchBecomesOneConditionPerCriterionInItsParameters() {
        PatientQuery query = PatientQuery.of(Map.of("first_name", "@Jo@", "last_name", "@Smi@", "dob", "1980-02-03",
                "code", "C1", "is_deleted", "false"));
        PatientQuery.Where where = query.where();
        assertThat(where.sql()).isEqualTo("p.first_name like ? escape '!' and p.last_name like ? escape '!'"
                + " and p.code = ? and p.date_of_birth = ?");
        assertThat(where.parameters()).containsExactly("%Jo%", "%Smi%", "C1", "1980-02-03");
        assertThat(query.findsNothing()).isFalse();
        assertThat(query.dateOfBirth()).contains(LocalDate.of(1980, 2, 3));
    }

    @Test
    void aPolicyNumberIsLookedUpAmongThePoliciesAndABarcodeOnThePatient() {
        PatientQuery.Where where = PatientQuery.of(Map.of("policy_number", "@123", "barcode", "*B1*")).where();
        assertThat(where.sql()).isEqualTo("p.name_id in (select pp.name_id from patient_policy pp where"
                + " pp.policy_number like ? escape '!') and p.barcode = ?");
        assertThat(where.parameters()).containsExactly("%123", "*B1*");
    }

    @Test
    void thePageIsFiftyFromTheStartUnlessAskedAndNeverMoreThanAHundred() {
        PatientQuery plain = PatientQuery.of(Map.of("code", "C1"));
        assertThat(List.of(plain.limit(), plain.offset())).containsExactly(PatientQuery.DEFAULT_LIMIT, 0);
        PatientQuery paged = PatientQuery.of(Map.of("code", "C1", "limit", "2", "offset", "4"));
        assertThat(List.of(paged.limit(), paged.offset())).containsExactly(2, 4);
        assertThat(PatientQuery.of(Map.of("code", "C1", "limit", "5000")).limit()).isEqualTo(PatientQuery.MAX_LIMIT);
    }

    @Test
    void aSearchForNobodyOrForDeletedPatientsFindsNothing() {
        assertThat(PatientQuery.of(Map.of()).findsNothing()).isTrue();
        assertThat(PatientQuery.of(Map.of("is_deleted", "false", "limit", "10")).findsNothing()).isTrue();
        assertThat(PatientQuery.of(Map.of("first_name", " ")).findsNothing()).as("blank is absent").isTrue();
        assertThat(PatientQuery.of(Map.of("code", "C1", "is_deleted", "true")).findsNothing()).isTrue();
        assertThat(PatientQuery.of(Map.of("dob", "2001-01-01")).findsNothing()).isFalse();
    }

    @Test
    void theAuditGetsWhatWasAskedInOneOrder() {
        PatientQuery query = PatientQuery.of(Map.of("dob", "1980-02-03", "last_name", "@smi@", "first_name", "@jo@",
                "offset", "2", "unknown", "x"));
        assertThat(query.asked()).containsExactly(Map.entry("first_name", "@jo@"), Map.entry("last_name", "@smi@"),
                Map.entry("dob", "1980-02-03"), Map.entry("limit", "50"), Map.entry("offset", "2"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"dob,03/02/1980", "dob,1980-02-30", "is_deleted,yes", "limit,0", "limit,ten", "offset,-1"})
    void refusesAParameterItCannotRead(String name, String value) {
        assertThatThrownBy(() -> PatientQuery.of(Map.of(name, value)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(name);
    }

    @Test
    void refusesATextLongerThanAnyPatientsField() {
        assertThatThrownBy(() -> PatientQuery.of(Map.of("last_name", "x".repeat(256))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("last_name");
    }
}
