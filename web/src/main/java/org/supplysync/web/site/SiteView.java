package org.supplysync.web.site;

import org.supplysync.site.entity.Site;

import java.time.ZoneOffset;
import java.util.Locale;

/** A site as the admin API shows it (admin-api.md, "Sites" and its second version). */
public record SiteView(int id, String name, String type, boolean primary, boolean hardwareIdBound,
                       String lastContact, long queueLength, long centralCursorLag, long refusedRecords,
                       long quarantinedRecords, String status, boolean retired, String initialisationStatus) {

    /**
     * {@code primary} is whether the site owns central data: the central server does unless a remote site is flagged;
     * {@code integrating} whether it has closed push sessions not yet integrated; {@code retired}, whether it syncs no
     * more (POST /api/sites/{id}/retire); {@code initialisationStatus} as {@code GET /sync/v5/site} says it (new,
     * started, completed, error).
     */
    SiteView(Site site, boolean primary, long queueLength, long centralCursorLag, long refusedRecords,
             long quarantinedRecords, boolean integrating) {
        this(site.id(), site.name(), site.type().name().toLowerCase(Locale.ROOT), primary, site.hardwareId() != null,
                site.lastContact() == null ? null : site.lastContact().toInstant(ZoneOffset.UTC).toString(),
                queueLength, centralCursorLag, refusedRecords, quarantinedRecords,
                integrating ? "integration_in_progress" : site.syncStatus(), site.isRetired(),
                site.initialisationStatus());
    }
}
