package org.supplysync.retention.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * How long each kind of row is kept ({@code supplysync.retention.*}), how often the cleanup runs and how many rows one
 * of its transactions removes. Read when the cleanup starts, so that a wrong value fails the deployment.
 */
@ApplicationScoped
public class RetentionSettings {

    /** The audit trigger (V16) refuses to remove anything younger, whatever the setting says. */
    public static final Duration AUDIT_FLOOR = Duration.ofDays(30);

    @Inject
    @ConfigProperty(name = "supplysync.retention.interval")
    String interval;

    @Inject
    @ConfigProperty(name = "supplysync.retention.batch-rows")
    int batchRows;

    @Inject
    @ConfigProperty(name = "supplysync.retention.sync-sessions")
    String syncSessions;

    @Inject
    @ConfigProperty(name = "supplysync.retention.refusals")
    String refusals;

    @Inject
    @ConfigProperty(name = "supplysync.retention.audit")
    String audit;

    @Inject
    @ConfigProperty(name = "supplysync.retention.jobs")
    String jobs;

    @Inject
    @ConfigProperty(name = "supplysync.retention.tombstones")
    String tombstones;

    public Duration interval() {
        Duration every = Duration.parse(interval.trim());
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("supplysync.retention.interval must be longer than nothing, got " + interval);
        }
        return every;
    }

    /** Rows removed per transaction: small, so that no lock is held long while sites sync. */
    public int batchRows() {
        if (batchRows < 1) {
            throw new IllegalArgumentException("supplysync.retention.batch-rows must be at least 1, got " + batchRows);
        }
        return batchRows;
    }

    public RetentionPeriod syncSessions() {
        return RetentionPeriod.parse("supplysync.retention.sync-sessions", syncSessions);
    }

    public RetentionPeriod refusals() {
        return RetentionPeriod.parse("supplysync.retention.refusals", refusals);
    }

    public RetentionPeriod audit() {
        return RetentionPeriod.parse("supplysync.retention.audit", audit).atLeast(AUDIT_FLOOR, "supplysync.retention.audit");
    }

    public RetentionPeriod jobs() {
        return RetentionPeriod.parse("supplysync.retention.jobs", jobs);
    }

    public RetentionPeriod tombstones() {
        return RetentionPeriod.parse("supplysync.retention.tombstones", tombstones);
    }
}
