package org.supplysync.alert.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where alerts go ({@code supplysync.alerts.*}): a webhook URL, and/or an SMTP server with a sender and recipients.
 * Alerts are on when either is set, off otherwise (the default).
 */
@ApplicationScoped
public class AlertSettings {

    @Inject
    @ConfigProperty(name = "supplysync.alerts.webhook-url")
    Optional<String> webhookUrl;

    @Inject
    @ConfigProperty(name = "supplysync.alerts.interval")
    String interval;

    @Inject
    @ConfigProperty(name = "supplysync.alerts.mail.host")
    Optional<String> mailHost;

    @Inject
    @ConfigProperty(name = "supplysync.alerts.mail.port")
    int mailPort;

    @Inject
    @ConfigProperty(name = "supplysync.alerts.mail.from")
    String mailFrom;

    @Inject
    @ConfigProperty(name = "supplysync.alerts.mail.to")
    Optional<String> mailTo;

    @Inject
    @ConfigProperty(name = "supplysync.alerts.mail.user")
    Optional<String> mailUser;

    @Inject
    @ConfigProperty(name = "supplysync.alerts.mail.password")
    Optional<String> mailPassword;

    @Inject
    @ConfigProperty(name = "supplysync.alerts.mail.starttls")
    boolean mailStartTls;

    public boolean enabled() {
        return webhook().isPresent() || mail().isPresent();
    }

    public Optional<String> webhook() {
        return webhookUrl.map(String::trim).filter(url -> !url.isEmpty());
    }

    public Optional<MailServer> mail() {
        List<String> to = mailTo.map(list -> Arrays.stream(list.split(",")).map(String::trim)
                .filter(address -> !address.isEmpty()).toList()).orElse(List.of());
        return mailHost.map(String::trim).filter(host -> !host.isEmpty() && !to.isEmpty())
                .map(host -> new MailServer(host, mailPort, mailFrom.trim(), to, mailUser.orElse(null),
                        mailPassword.orElse(null), mailStartTls));
    }

    /** Time between two checks (ISO-8601, a minute by default). */
    public Duration interval() {
        return Duration.parse(interval.trim());
    }

    /** An SMTP server to send alerts through; {@code user} null: no authentication. */
    public record MailServer(String host, int port, String from, List<String> to, String user, String password,
                             boolean startTls) {
    }
}
