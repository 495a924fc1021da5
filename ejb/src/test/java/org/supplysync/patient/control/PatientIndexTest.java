package org.supplysync.patient.control;

import org.junit.jupiter.api.Test;
import org.supplysync.platform.Jsons;

import static org.assertj.core.api.Assertions.assertThat;

/** How the search projection reads a patient's fields (as V12 reads the patients the central held before it). */
class PatientIndexTest {

    @Test
    void aDateOfBirthIsItsDayOrNoneAtAll() {
        assertThat(PatientIndex.dateOfBirth(Jsons.parse("{\"date_of_birth\":\"1980-02-03\"}"))).isEqualTo("1980-02-03");
        assertThat(PatientIndex.dateOfBirth(Jsons.parse("{\"date_of_birth\":\"1980-02-03T00:00:00\"}")))
                .isEqualTo("1980-02-03");
        assertThat(PatientIndex.dateOfBirth(Jsons.parse("{\"date_of_birth\":\"0000-00-00\"}"))).isNull();
        assertThat(PatientIndex.dateOfBirth(Jsons.parse("{\"date_of_birth\":\"\"}"))).isNull();
        assertThat(PatientIndex.dateOfBirth(Jsons.parse("{\"date_of_birth\":null}"))).isNull();
        assertThat(PatientIndex.dateOfBirth(Jsons.parse("{}"))).isNull();
    }

    @Test
    void aFieldIsItsTextOrNumberCutToTheColumnAndEmptyOtherwise() {
        assertThat(PatientIndex.text(Jsons.parse("{\"code\":\"C1\"}"), "code")).isEqualTo("C1");
        assertThat(PatientIndex.text(Jsons.parse("{\"code\":12}"), "code")).isEqualTo("12");
        assertThat(PatientIndex.text(Jsons.parse("{\"code\":null}"), "code")).isEmpty();
        assertThat(PatientIndex.text(Jsons.parse("{}"), "code")).isEmpty();
        String emoji = "\uD83D\uDE00";
        String longName = emoji.repeat(300);
        assertThat(PatientIndex.text(Jsons.parse("{\"last\":\"" + longName + "\"}"), "last"))
                .isEqualTo(emoji.repeat(255));
    }

    @Test
    void coversPatientsAndTheirPoliciesOnly() {
        assertThat(PatientIndex.covers("name")).isTrue();
        assertThat(PatientIndex.covers("nameInsuranceJoin")).isTrue();
        assertThat(PatientIndex.covers("barcode")).isFalse();
        assertThat(PatientIndex.covers("name_store_join")).isFalse();
    }
}
