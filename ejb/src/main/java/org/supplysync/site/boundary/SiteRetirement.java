package org.supplysync.site.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.supplysync.queue.boundary.SiteQueue;
import org.supplysync.site.entity.Site;

/**
 * Retires a site left with no store ({@link Sites#retire}), then purges its queue in as many transactions as the
 * broker's limit on messages a transaction receives needs. Nothing is routed to a retired site, so the purge ends; a
 * purge cut short (a failure, a server stop) is finished by retiring the site again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SiteRetirement {

    /** Passes of the purge before it gives up for now: a thousand messages each, far more than a site ever holds. */
    private static final int MAX_PASSES = 1_000;

    @Inject
    Sites sites;

    @Inject
    SiteQueue queue;

    public Site retire(int siteId, String who) {
        sites.retire(siteId, who);
        for (int pass = 0; pass < MAX_PASSES && !queue.purge(siteId); pass++) {
            // each pass is a transaction of its own
        }
        return sites.find(siteId);
    }
}
