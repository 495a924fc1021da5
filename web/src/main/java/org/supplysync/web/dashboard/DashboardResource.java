package org.supplysync.web.dashboard;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.supplysync.site.boundary.HealthThresholds;
import org.supplysync.site.entity.Site;
import org.supplysync.web.security.AdminApi;
import org.supplysync.web.site.SiteView;
import org.supplysync.web.site.SiteViews;

import java.time.Instant;
import java.util.List;

import static org.supplysync.platform.Jsons.JSON;

/**
 * The sync report of the dashboard: every remote site that still syncs (not the central, not a retired site), with
 * its health from its last contact, in the few queries {@code GET /api/sites} takes whatever the number of sites.
 */
@AdminApi
@Path("api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    @Inject
    SiteViews views;

    @Inject
    HealthThresholds thresholds;

    @GET
    @Path("sites")
    public List<DashboardSite> sites() {
        Instant now = Instant.now();
        return views.all().stream().filter(DashboardResource::listed)
                .map(site -> DashboardSite.of(site, thresholds, now)).toList();
    }

    /**
     * {@code {"amberAfter", "redAfter"}} as configured (ISO-8601 durations), the same in seconds, and
     * {@code "refreshSeconds"}: how often the page asks again.
     */
    @GET
    @Path("settings")
    public JsonObject settings() {
        return JSON.createObjectBuilder()
                .add("amberAfter", thresholds.amberAfterText())
                .add("redAfter", thresholds.redAfterText())
                .add("amberAfterSeconds", thresholds.amberAfter().toSeconds())
                .add("redAfterSeconds", thresholds.redAfter().toSeconds())
                .add("refreshSeconds", thresholds.refreshSeconds())
                .build();
    }

    private static boolean listed(SiteView site) {
        return site.id() != Site.CENTRAL && !site.retired();
    }
}
