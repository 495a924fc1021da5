package org.supplysync.site.boundary;

import java.time.Instant;

/**
 * One call of a site to the sync API, as its sync session counts it: records pushed (refused on sight included),
 * handed out by pulls (queue and central records), acknowledged, refused on sight, the v5 error code it was
 * answered with, if any, and whether the site was let in (its credentials and device were right): a call let in is
 * the site's last contact.
 */
public record SyncCall(int siteId, Instant startedAt, long pushed, long pulled, long acknowledged, long refused,
                       String error, boolean admitted) {
}
