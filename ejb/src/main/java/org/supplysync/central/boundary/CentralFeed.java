package org.supplysync.central.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.PerSite;
import org.supplysync.site.entity.Site;

import java.util.List;
import java.util.Map;

/**
 * Reads the central change log for one site with its cursor: central changes with a cursor above the site's, in
 * cursor order, without the site's own changes and, for a site without an active dispensary store, without
 * dispensary-only data. {@code maxCursor} is the highest cursor the site can be given, so the client's loop ends
 * as soon as it has everything.
 */
@Stateless
public class CentralFeed {

    private static final String VISIBLE_TO_SITE = " origin_site_id <> ?1 and (dispensary_only = false or ?2) ";

    @PersistenceContext
    EntityManager em;

    @Inject
    CentralSequencer sequencer;

    public CentralPage page(int siteId, long cursor, int limit) {
        sequencer.stampCommittedChanges();
        boolean dispensary = hasActiveDispensary(siteId);
        List<Object[]> rows = em.createNativeQuery("select cursor_id, table_name, record_id, is_merge, action, data"
                        + " from central_change where cursor_id > ?3 and" + VISIBLE_TO_SITE
                        + " order by cursor_id limit ?4")
                .setParameter(1, siteId).setParameter(2, dispensary).setParameter(3, cursor).setParameter(4, limit)
                .getResultList();
        Number max = (Number) em.createNativeQuery(
                        "select coalesce(max(cursor_id), 0) from central_change where cursor_id is not null and" + VISIBLE_TO_SITE)
                .setParameter(1, siteId).setParameter(2, dispensary).getSingleResult();
        em.createNativeQuery("update site_activity set central_cursor = ? where site_id = ?")
                .setParameter(1, cursor).setParameter(2, siteId).executeUpdate();
        List<CentralChange> changes = rows.stream().map(row -> new CentralChange(((Number) row[0]).longValue(),
                (String) row[1], (String) row[2], toBoolean(row[3]), (String) row[4], (String) row[5])).toList();
        return new CentralPage(max.longValue(), changes);
    }

    /** How many central changes the site has not read yet. */
    public long lag(Site site) {
        sequencer.stampCommittedChanges();
        Number behind = (Number) em.createNativeQuery(
                        "select count(*) from central_change where cursor_id > ?3 and" + VISIBLE_TO_SITE)
                .setParameter(1, site.id()).setParameter(2, hasActiveDispensary(site.id()))
                .setParameter(3, site.centralCursor())
                .getSingleResult();
        return behind.longValue();
    }

    /**
     * {@link #lag} of every site, in one query (the admin API's list of sites); a site that is not behind has no
     * entry.
     */
    public Map<Integer, Long> lags() {
        sequencer.stampCommittedChanges();
        return PerSite.counts(em.createNativeQuery("""
                        select a.site_id, count(*) from site_activity a
                        join central_change c on c.cursor_id > a.central_cursor and c.origin_site_id <> a.site_id
                            and (c.dispensary_only = false or exists (
                                select 1 from store d where d.active_site_id = a.site_id and d.dispensary = true))
                        group by a.site_id""").getResultList());
    }

    private boolean hasActiveDispensary(int siteId) {
        return !em.createQuery("select s.id from Store s where s.activeSiteId = :site and s.dispensary = true")
                .setParameter("site", siteId).setMaxResults(1).getResultList().isEmpty();
    }

    private static boolean toBoolean(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }
}
