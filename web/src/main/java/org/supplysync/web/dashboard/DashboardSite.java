package org.supplysync.web.dashboard;

import org.supplysync.site.boundary.HealthThresholds;
import org.supplysync.web.site.SiteView;

import java.time.Instant;

/** A line of the sync report: a site's figures as {@code GET /api/sites} gives them, and its health. */
public record DashboardSite(int id, String name, String type, String lastContact, String health, long queueLength,
                            long centralCursorLag, long refusedRecords, long quarantinedRecords, String status,
                            String initialisationStatus) {

    static DashboardSite of(SiteView site, HealthThresholds thresholds, Instant now) {
        Instant lastContact = site.lastContact() == null ? null : Instant.parse(site.lastContact());
        return new DashboardSite(site.id(), site.name(), site.type(), site.lastContact(),
                thresholds.of(lastContact, now).label(), site.queueLength(), site.centralCursorLag(),
                site.refusedRecords(), site.quarantinedRecords(), site.status(), site.initialisationStatus());
    }
}
