package org.supplysync.retention.control;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long rows of one kind are kept: an ISO-8601 duration ({@code P90D}, {@code PT12H}) or {@code forever}, in which
 * case none of them is ever removed.
 */
public record RetentionPeriod(Optional<Duration> length) {

    public static final RetentionPeriod FOREVER = new RetentionPeriod(Optional.empty());

    /** The period a setting names; a wrong one fails with the setting's name, so that it fails the deployment. */
    public static RetentionPeriod parse(String setting, String text) {
        String value = text == null ? "" : text.trim();
        if (value.equalsIgnoreCase("forever")) {
            return FOREVER;
        }
        Duration length;
        try {
            length = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(setting + " must be an ISO-8601 duration in days or hours (P90D, PT12H)"
                    + " or \"forever\", got \"" + text + "\"");
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException(setting + " must be longer than nothing, got \"" + text + "\"");
        }
        return new RetentionPeriod(Optional.of(length));
    }

    /** Rows older than this (at {@code now}) have expired; none ever does when kept forever. */
    public Optional<Instant> expiredBefore(Instant now) {
        return length.map(now::minus);
    }

    /** This period, refused when it is shorter than {@code floor} (a limit the database enforces as well). */
    public RetentionPeriod atLeast(Duration floor, String setting) {
        if (length.isPresent() && length.get().compareTo(floor) < 0) {
            throw new IllegalArgumentException(setting + " must be at least " + floor + " (or \"forever\"), got "
                    + length.get());
        }
        return this;
    }

    /** As it is set: {@code P90D} rather than Duration's {@code PT2160H}. */
    @Override
    public String toString() {
        return length.map(d -> d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString()).orElse("forever");
    }
}
