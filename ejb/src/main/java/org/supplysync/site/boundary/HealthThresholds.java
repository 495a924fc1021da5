package org.supplysync.site.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When a site's silence turns amber and red, for the dashboard and the alerts alike (ISO-8601 durations such as
 * {@code P1D}, {@code PT12H}); and how often the dashboard refreshes itself. Nothing else reads them: they change
 * no behaviour of the sync.
 */
@ApplicationScoped
public class HealthThresholds {

    @Inject
    @ConfigProperty(name = "supplysync.dashboard.amber-after")
    String amberAfterText;

    @Inject
    @ConfigProperty(name = "supplysync.dashboard.red-after")
    String redAfterText;

    @Inject
    @ConfigProperty(name = "supplysync.dashboard.refresh-seconds")
    int refreshSeconds;

    private Duration amberAfter;
    private Duration redAfter;

    @PostConstruct
    void parse() {
        amberAfter = duration("supplysync.dashboard.amber-after", amberAfterText);
        redAfter = duration("supplysync.dashboard.red-after", redAfterText);
        if (redAfter.compareTo(amberAfter) < 0) {
            throw new IllegalStateException("supplysync.dashboard.red-after (" + redAfterText
                    + ") must not be shorter than supplysync.dashboard.amber-after (" + amberAfterText + ")");
        }
        if (refreshSeconds < 1) {
            throw new IllegalStateException("supplysync.dashboard.refresh-seconds must be 1 or more, got " + refreshSeconds);
        }
    }

    public SiteHealth of(Instant lastContact, Instant now) {
        return SiteHealth.of(lastContact, now, amberAfter, redAfter);
    }

    public Duration amberAfter() {
        return amberAfter;
    }

    public Duration redAfter() {
        return redAfter;
    }

    /** The settings as configured (ISO-8601 text). */
    public String amberAfterText() {
        return amberAfterText.trim();
    }

    public String redAfterText() {
        return redAfterText.trim();
    }

    public int refreshSeconds() {
        return refreshSeconds;
    }

    private static Duration duration(String name, String text) {
        try {
            Duration duration = Duration.parse(text.trim());
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalStateException(name + " must be a positive duration, got " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(name + " must be an ISO-8601 duration such as P30D or PT12H, got \""
                    + text + "\"", e);
        }
    }
}
