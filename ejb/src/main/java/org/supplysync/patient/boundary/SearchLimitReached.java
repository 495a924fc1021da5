package org.supplysync.patient.boundary;

import org.supplysync.platform.SupplySyncException;

/** The site searched for patients as often as a minute allows: 429, again in {@code retryAfterSeconds}. */
public class SearchLimitReached extends SupplySyncException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public SearchLimitReached(int perMinute, long retryAfterSeconds) {
        super("at most " + perMinute + " patient searches a minute per site (supplysync.v4.patient-search.per-minute);"
                + " try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public String title() {
        return "Too many requests";
    }
}
