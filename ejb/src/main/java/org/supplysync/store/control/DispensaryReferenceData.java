package org.supplysync.store.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.central.boundary.CentralStamping;
import org.supplysync.site.entity.Site;

/**
 * The dispensary reference data (abbreviations, item directions, insurance providers, patient event types) reaches
 * only sites with an active dispensary store, through the central change log. A site that gains its first one has
 * read past those changes already (its cursor skipped them), so it must get them again (sync-rules.md "Data types").
 *
 * <p>They are logged again: each loses its cursor and the stamper gives it a new one, above every site's cursor. The
 * change log stays the one order of central data, so a copy sent this way can never overtake a newer edit of the
 * same record (a copy sent through the site's queue could, as queued records are pulled after central ones). Other
 * dispensary sites read these few records once more; that happens once per site gaining a dispensary, and is harmless.
 */
@Dependent
public class DispensaryReferenceData {

    @PersistenceContext
    EntityManager em;

    @Inject
    CentralStamping stamping;

    /** Whether the site has no active dispensary store yet, asked before a dispensary store becomes active on it. */
    public boolean isMissedBy(int siteId) {
        return siteId != Site.CENTRAL && !hasActiveDispensary(siteId);
    }

    /** Whether a dispensary store is active on the site: what makes it read the dispensary reference data. */
    public boolean hasActiveDispensary(int siteId) {
        return !em.createQuery("select s.id from Store s where s.activeSiteId = :siteId and s.dispensary = true",
                        String.class)
                .setParameter("siteId", siteId).setMaxResults(1).getResultList().isEmpty();
    }

    /** Called, in the caller's transaction, when a dispensary store becomes active on a site that had none. */
    public void logAgain() {
        em.createNativeQuery("""
                        update central_change set cursor_id = null, changed_at = now(3)
                        where table_name in (select table_name from data_type where dispensary_only)
                          and dispensary_only""")
                .executeUpdate();
        stamping.afterCommit();
    }
}
