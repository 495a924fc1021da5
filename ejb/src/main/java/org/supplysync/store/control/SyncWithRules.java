package org.supplysync.store.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.routing.control.OutboundRecord;
import org.supplysync.site.entity.Site;
import org.supplysync.store.entity.Store;
import org.supplysync.store.entity.SyncWith;
import org.supplysync.store.entity.SyncWithType;

import java.util.Optional;

/**
 * Keeps sync-with in step with store visibility, as the seed describes it: a store that becomes visible to a store
 * active on site S gets a transfer copy there (unless it has a collector copy already); a store that becomes
 * invisible to every store active on S loses its copy there.
 *
 * <p>The central server's own copies (site 1) are left alone: the central keeps collector copies as the backup of
 * every store whether or not its own stores can see them; an administrator changes them explicitly.
 */
@Dependent
public class SyncWithRules {

    @PersistenceContext
    EntityManager em;

    @Inject
    StorePublisher publisher;

    /**
     * Called after a name became visible in a store. When that gives a store a new (transfer) copy on a site, the
     * store record is due there: it is returned, for the caller to queue with the rest of its batch.
     */
    public Optional<DueRecord> nameBecameVisible(String nameId, String visibleInStoreId) {
        Optional<Store> visible = storeNamed(nameId);
        Store viewer = em.find(Store.class, visibleInStoreId);
        if (visible.isEmpty() || viewer == null || viewer.activeSiteId() == visible.get().activeSiteId()
                || typeOn(visible.get().id(), viewer.activeSiteId()) != SyncWithType.NONE) {
            return Optional.empty();
        }
        em.persist(new SyncWith(visible.get().id(), viewer.activeSiteId(), SyncWithType.TRANSFER));
        if (viewer.activeSiteId() == Site.CENTRAL) {
            return Optional.empty();
        }
        return publisher.storeRecord(visible.get()).map(record -> new DueRecord(viewer.activeSiteId(), record));
    }

    /** A record that is due at a site because of a change of sync-with. */
    public record DueRecord(int siteId, OutboundRecord record) {
    }

    /** Called after a name stopped being visible in a store. */
    public void nameBecameInvisible(String nameId, String wasVisibleInStoreId) {
        Optional<Store> visible = storeNamed(nameId);
        Store viewer = em.find(Store.class, wasVisibleInStoreId);
        if (visible.isEmpty() || viewer == null) {
            return;
        }
        int site = viewer.activeSiteId();
        if (site == Site.CENTRAL || site == visible.get().activeSiteId() || isVisibleToStoresActiveOn(visible.get(), site)) {
            return;
        }
        SyncWith copy = em.find(SyncWith.class, new SyncWith.Key(visible.get().id(), site));
        if (copy != null) {
            em.remove(copy);
        }
    }

    /** Whether the store's name is visible in at least one store active on the site. */
    public boolean isVisibleToStoresActiveOn(Store store, int siteId) {
        return !em.createQuery("""
                        select v.joinId from NameVisibility v, Store s
                        where v.nameId = :nameId and s.id = v.storeId and s.activeSiteId = :siteId""", String.class)
                .setParameter("nameId", store.nameId())
                .setParameter("siteId", siteId)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    public SyncWithType typeOn(String storeId, int siteId) {
        SyncWith copy = em.find(SyncWith.class, new SyncWith.Key(storeId, siteId));
        return copy == null ? SyncWithType.NONE : copy.type();
    }

    private Optional<Store> storeNamed(String nameId) {
        return em.createNamedQuery(Store.BY_NAME_ID, Store.class).setParameter("nameId", nameId)
                .getResultStream().findFirst();
    }
}
