package org.supplysync.web.site;

import org.supplysync.site.entity.Site;

import java.time.ZoneOffset;
import java.util.Locale;

/** A site as the admin API shows it (admin-api.md, "Sites"). */
public record SiteView(int id, String name, String type, boolean primary, boolean hardwareIdBound,
                       String lastContact, long queueLength, long centralCursorLag, long refusedRecords,
                       String status) {

    /** {@code primary} is whether the site owns central data: the central server does unless a remote site is flagged. */
    static SiteView of(Site site, boolean primary, long queueLength, long centralCursorLag) {
        return new SiteView(site.id(), site.name(), site.type().name().toLowerCase(Locale.ROOT), primary,
                site.hardwareId() != null,
                site.lastContact() == null ? null : site.lastContact().toInstant(ZoneOffset.UTC).toString(),
                queueLength, centralCursorLag, site.refusedRecords(), site.syncStatus());
    }
}
