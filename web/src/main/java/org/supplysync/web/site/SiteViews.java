package org.supplysync.web.site;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.supplysync.central.boundary.CentralFeed;
import org.supplysync.push.boundary.Pushes;
import org.supplysync.push.boundary.Quarantine;
import org.supplysync.queue.boundary.SiteQueue;
import org.supplysync.record.boundary.Refusals;
import org.supplysync.site.boundary.Sites;
import org.supplysync.site.entity.Site;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sites as the admin API shows them: one, or every site with each figure read for all of them at once. */
@Dependent
public class SiteViews {

    @Inject
    Sites sites;

    @Inject
    CentralFeed centralFeed;

    @Inject
    SiteQueue siteQueue;

    @Inject
    Refusals refusals;

    @Inject
    Quarantine quarantine;

    @Inject
    Pushes pushes;

    /** A constant number of queries, however many sites there are: each figure of every site in one. */
    public List<SiteView> all() {
        int primary = sites.primarySiteId();
        List<Site> all = sites.all();
        Map<Integer, Long> queueLengths = siteQueue.lengths();
        Map<Integer, Long> lags = centralFeed.lags(all);
        Map<Integer, Long> refused = refusals.counts();
        Map<Integer, Long> quarantined = quarantine.counts();
        Set<Integer> integrating = pushes.integratingSites();
        return all.stream().map(site -> new SiteView(site, site.id() == primary,
                queueLengths.getOrDefault(site.id(), 0L), lags.getOrDefault(site.id(), 0L),
                refused.getOrDefault(site.id(), 0L), quarantined.getOrDefault(site.id(), 0L),
                integrating.contains(site.id()))).toList();
    }

    public SiteView of(Site site) {
        return new SiteView(site, site.id() == sites.primarySiteId(), siteQueue.length(site.id()), centralFeed.lag(site),
                refusals.count(site.id()), quarantine.count(site.id()), pushes.integrating(site.id()));
    }
}
