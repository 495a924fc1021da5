package org.supplysync.site.boundary;

/**
 * A sync session of a site as administrators see it ({@code GET /api/sites/{id}/syncs}): times ISO-8601 UTC,
 * {@code error} the last v5 error code it was answered with, or null.
 */
public record SyncSession(String startedAt, String endedAt, long pushed, long pulled, long acknowledged,
                          long refused, long durationMs, String error) {
}
