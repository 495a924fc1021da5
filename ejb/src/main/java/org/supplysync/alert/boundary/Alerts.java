package org.supplysync.alert.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.supplysync.alert.control.AlertMail;
import org.supplysync.alert.control.AlertSettings;
import org.supplysync.alert.control.Webhook;
import org.supplysync.platform.Jsons;
import org.supplysync.site.boundary.HealthThresholds;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The alert check: every {@code supplysync.alerts.interval} (a minute) it raises the events due ({@link AlertLog})
 * and sends each pending one through every channel configured, outside any transaction (a slow receiver holds no
 * lock). Not started when alerts are off; started after the schema migrations (its tables are V14's). The
 * dashboard's thresholds are read at start-up, so that a wrong setting fails the deployment instead of a page later.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());
    private static final int SENT_PER_CHECK = 100;

    @Resource
    TimerService timers;

    @Inject
    AlertSettings settings;

    @Inject
    HealthThresholds thresholds;

    @Inject
    AlertLog log;

    @PostConstruct
    void start() {
        thresholds.redAfter();
        if (!settings.enabled()) {
            LOG.info("alerts are off: set supplysync.alerts.webhook-url, or supplysync.alerts.mail.host and .to");
            return;
        }
        Duration every = settings.interval();
        timers.createIntervalTimer(every.toMillis(), every.toMillis(), new TimerConfig("alerts", false));
        LOG.info(() -> "alerts on, checked every " + every + (settings.webhook().isPresent() ? ", webhook" : "")
                + (settings.mail().isPresent() ? ", mail" : ""));
    }

    @Timeout
    void check() {
        try {
            log.raise(Instant.now(), thresholds);
            for (PendingAlert alert : log.pending(SENT_PER_CHECK)) {
                send(alert);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the alert check failed; the next one tries again", e);
        }
    }

    private void send(PendingAlert alert) {
        JsonObject payload = Jsons.parse(alert.payload());
        Optional<String> webhook = settings.webhook();
        Optional<AlertSettings.MailServer> mail = settings.mail();
        boolean webhookSent = alert.webhookSent();
        boolean mailSent = alert.mailSent();
        StringBuilder errors = new StringBuilder();
        if (webhook.isPresent() && !webhookSent) {
            try {
                Webhook.post(webhook.get(), alert.payload());
                webhookSent = true;
            } catch (Exception e) {
                errors.append("webhook: ").append(e.getMessage()).append("; ");
            }
        }
        if (mail.isPresent() && !mailSent) {
            try {
                AlertMail.send(mail.get(), payload);
                mailSent = true;
            } catch (Exception e) {
                errors.append("mail: ").append(e.getMessage()).append("; ");
            }
        }
        boolean complete = (webhook.isEmpty() || webhookSent) && (mail.isEmpty() || mailSent);
        if (!complete) {
            LOG.warning(() -> "alert " + alert.id() + " (" + payload.getString("event", "?") + ") not sent yet: " + errors);
        }
        log.attempted(alert.id(), webhookSent, mailSent, complete, errors.isEmpty() ? null : errors.toString());
    }
}
