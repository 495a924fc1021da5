package org.supplysync.alert.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.Instant;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The events alerts tell of, as the JSON a webhook receives: {@code {"event", "siteId", ..., "at"}}, {@code at} the
 * time the check raised it.
 */
public final class AlertEvents {

    public static final String SITE_RED = "site-red";
    public static final String QUARANTINE_GREW = "quarantine-grew";
    public static final String JOB_FAILED = "job-failed";

    private AlertEvents() {
    }

    /** The site has not been in contact for longer than {@code redAfter}. */
    public static JsonObject siteRed(int siteId, String siteName, Instant lastContact, String redAfter, Instant at) {
        return event(SITE_RED, siteId).add("siteName", siteName).add("lastContact", lastContact.toString())
                .add("redAfter", redAfter).add("at", at.toString()).build();
    }

    /** Records of the site were quarantined since the last such alert: it holds this many now. */
    public static JsonObject quarantineGrew(int siteId, String siteName, long quarantinedRecords, Instant at) {
        return event(QUARANTINE_GREW, siteId).add("siteName", siteName).add("quarantinedRecords", quarantinedRecords)
                .add("at", at.toString()).build();
    }

    /** An execution of a batch job for the site failed; {@code reason} its last failure, if it wrote one. */
    public static JsonObject jobFailed(int siteId, String jobName, long executionId, String reason, Instant at) {
        JsonObjectBuilder event = event(JOB_FAILED, siteId).add("jobName", jobName).add("executionId", executionId);
        if (reason != null) {
            event.add("reason", reason);
        }
        return event.add("at", at.toString()).build();
    }

    private static JsonObjectBuilder event(String event, int siteId) {
        return JSON.createObjectBuilder().add("event", event).add("siteId", siteId);
    }
}
