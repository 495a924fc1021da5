package org.supplysync.batch.boundary;

import jakarta.json.JsonObject;

/** A job asked for, its parameters checked: the site whose queue it fills and, moving a store, the site it leaves. */
public record JobRequest(String jobName, JsonObject parameters, int siteId, Integer otherSiteId) {
}
