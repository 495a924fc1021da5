package org.supplysync.alert.control;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertMailTest {

    private static final AlertSettings.MailServer SERVER = new AlertSettings.MailServer("smtp.example.org", 587,
            "supplysync@moh.example.org", List.of("ops@moh.example.org", "it@moh.example.org"), "relay", "secret", true);
    private static final Instant AT = Instant.parse("2026-12-02T10:15:30Z");

    @Test
    void aSiteTurnedRedIsAMailFromTheSenderToEveryRecipientSayingWhichSiteAndSinceWhen() throws Exception {
        Session session = AlertMail.session(SERVER);
        MimeMessage mail = AlertMail.compose(session, SERVER, AlertEvents.siteRed(7, "district-north",
                Instant.parse("2026-10-01T08:00:00Z"), "P30D", AT));

        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("supplysync@moh.example.org");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("ops@moh.example.org", "it@moh.example.org");
        assertThat(mail.getSubject())
                .isEqualTo("[supplysync] site 7 (district-north) is red: no contact since 2026-10-01T08:00:00Z");
        assertThat((String) mail.getContent()).contains("siteId: 7", "redAfter: P30D", "at: 2026-12-02T10:15:30Z",
                "\"event\":\"site-red\"");
        assertThat(session.getProperty("mail.smtp.host")).isEqualTo("smtp.example.org");
        assertThat(session.getProperty("mail.smtp.port")).isEqualTo("587");
        assertThat(session.getProperty("mail.smtp.auth")).isEqualTo("true");
        assertThat(session.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
    }

    @Test
    void eachEventSaysWhatHappened() {
        assertThat(AlertMail.summary(AlertEvents.quarantineGrew(7, "district-north", 3, AT)))
                .isEqualTo("site 7 (district-north): quarantine grew to 3 records");
        assertThat(AlertMail.summary(AlertEvents.jobFailed(7, "initialise-site", 42, "disk full", AT)))
                .isEqualTo("job initialise-site (execution 42) of site 7 failed");
    }
}
