package org.supplysync.store.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Audit;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Requests;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.record.control.CentralCopy;
import org.supplysync.site.entity.Site;
import org.supplysync.site.entity.SiteType;
import org.supplysync.store.control.CollectorPatients;
import org.supplysync.store.control.DispensaryReferenceData;
import org.supplysync.store.control.StorePublisher;
import org.supplysync.store.control.StoreRecords;
import org.supplysync.store.control.SyncWithRules;
import org.supplysync.store.entity.Store;
import org.supplysync.store.entity.SyncWith;
import org.supplysync.store.entity.SyncWithType;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.supplysync.platform.Jsons.JSON;

/** Creates stores, says where each is active and what its copy is on every other site. */
@Stateless
public class Stores {

    /** The store table's columns: id and name_id VARCHAR(128), code VARCHAR(64), name VARCHAR(255). */
    private static final int MAX_ID = 128;
    private static final int MAX_CODE = 64;
    private static final int MAX_NAME = 255;

    @PersistenceContext
    EntityManager em;

    @Inject
    SyncWithRules syncWithRules;

    @Inject
    CentralCopy centralCopy;

    @Inject
    StorePublisher publisher;

    @Inject
    DispensaryReferenceData referenceData;

    @Inject
    CollectorPatients collectorPatients;

    @Inject
    Audit audit;

    public Store create(StoreRegistration registration, String who) {
        if (registration == null) {
            throw new InvalidRequestException("the request body is missing");
        }
        String id = Requests.required(registration.id(), "id", MAX_ID);
        String code = Requests.required(registration.code(), "code", MAX_CODE);
        String name = Requests.required(registration.name(), "name", MAX_NAME);
        String nameId = Requests.required(registration.nameId(), "nameId", MAX_ID);
        if (registration.activeSiteId() == null) {
            throw new InvalidRequestException("activeSiteId is required: the site where the store is active");
        }
        boolean dispensary = Boolean.TRUE.equals(registration.dispensary());
        boolean includeTransactions = registration.includeTransactions() == null || registration.includeTransactions();
        if (!dispensary && !includeTransactions) {
            throw new InvalidRequestException(
                    "includeTransactions can only be turned off for a dispensary store; other stores always sync their transactions");
        }
        // Locking the site serialises store creation per site, so two requests cannot both give a mobile site its one store.
        Site site = em.find(Site.class, registration.activeSiteId(), LockModeType.PESSIMISTIC_WRITE);
        if (site == null) {
            throw UnknownResourceException.inBody("there is no site " + registration.activeSiteId());
        }
        refuseRetired(site);
        Store existing = em.find(Store.class, id);
        if (existing != null) {
            throw new ConflictException("store " + id + " exists already and is active on site " + existing.activeSiteId()
                    + "; a store is active on exactly one site");
        }
        em.createNamedQuery(Store.BY_NAME_ID, Store.class).setParameter("nameId", nameId)
                .getResultStream().findFirst().ifPresent(other -> {
                    throw new ConflictException("name " + nameId + " already stands for store " + other.id());
                });
        refuseSecondStoreOnMobile(site);

        boolean firstDispensary = dispensary && referenceData.isMissedBy(site.id());
        Store store = new Store(id, code, name, nameId, site.id(), dispensary, includeTransactions);
        em.persist(store);
        if (firstDispensary) {
            referenceData.logAgain();
        }
        if (!site.isCentral()) {
            // The central server aggregates every store's data: by default it keeps a collector copy.
            em.persist(new SyncWith(id, Site.CENTRAL, SyncWithType.ACTIVE_COLLECTOR));
        }
        writeStoreRecords(store);
        publisher.publishName(store);
        publisher.sendStoreRecordTo(store, site.id());
        audit.record(who, "store.create", "store " + id, "store " + name + " (code " + code + ", name " + nameId
                + ") created, active on site " + site.id() + (dispensary ? ", a dispensary" : "")
                + (includeTransactions ? "" : ", its transactions not synced"));
        return store;
    }

    public List<Store> all() {
        return em.createNamedQuery(Store.ALL, Store.class).getResultList();
    }

    public Store find(String id) {
        Store store = em.find(Store.class, id);
        if (store == null) {
            throw UnknownResourceException.inPath("there is no store " + id);
        }
        return store;
    }

    public List<Store> activeOn(int siteId) {
        return em.createNamedQuery(Store.ACTIVE_ON, Store.class).setParameter("siteId", siteId).getResultList();
    }

    /** The store's copy on every site, in site order; the active site shows as {@code ACTIVE_COLLECTOR}. */
    public Map<Integer, SyncWithType> syncWith(Store store) {
        return copies(store, siteIds(),
                em.createNamedQuery(SyncWith.OF_STORE, SyncWith.class).setParameter("storeId", store.id()).getResultList());
    }

    /** {@link #syncWith} of every store, by store id, in two queries. */
    public Map<String, Map<Integer, SyncWithType>> syncWithOfAll(List<Store> stores) {
        List<Integer> siteIds = siteIds();
        Map<String, List<SyncWith>> byStore = em.createNamedQuery(SyncWith.ALL, SyncWith.class).getResultStream()
                .collect(Collectors.groupingBy(SyncWith::storeId));
        Map<String, Map<Integer, SyncWithType>> all = new HashMap<>();
        for (Store store : stores) {
            all.put(store.id(), copies(store, siteIds, byStore.getOrDefault(store.id(), List.of())));
        }
        return all;
    }

    // Only the ids: a store's view lists every site, and loading each site entity made creating a store cost as
    // much as the number of sites.
    private List<Integer> siteIds() {
        return em.createNamedQuery(Site.IDS, Integer.class).getResultList();
    }

    private static Map<Integer, SyncWithType> copies(Store store, List<Integer> siteIds, List<SyncWith> syncWith) {
        Map<Integer, SyncWithType> copies = new LinkedHashMap<>();
        siteIds.forEach(site -> copies.put(site, SyncWithType.NONE));
        syncWith.forEach(copy -> copies.put(copy.siteId(), copy.type()));
        copies.put(store.activeSiteId(), SyncWithType.ACTIVE_COLLECTOR);
        return copies;
    }

    /** Audited when the copy changes, under the administrator's name. */
    public void changeSyncWith(String storeId, int siteId, String type, String who) {
        SyncWithType wanted = syncWithType(type);
        Store store = find(storeId);
        Site site = em.find(Site.class, siteId);
        if (site == null) {
            throw UnknownResourceException.inPath("there is no site " + siteId);
        }
        if (wanted != SyncWithType.NONE) {
            refuseRetired(site);
        }
        if (store.isActiveOn(siteId)) {
            if (wanted != SyncWithType.ACTIVE_COLLECTOR) {
                throw new ConflictException("store " + storeId + " is active on site " + siteId
                        + "; move the store to change that, its copy there is the active store");
            }
            return;
        }
        SyncWith copy = em.find(SyncWith.class, new SyncWith.Key(storeId, siteId));
        SyncWithType before = copy == null ? SyncWithType.NONE : copy.type();
        if (wanted == SyncWithType.NONE) {
            if (copy != null) {
                em.remove(copy);
                auditSyncWith(who, storeId, siteId, before, wanted);
            }
            return;
        }
        if (siteId != Site.CENTRAL && !syncWithRules.isVisibleToStoresActiveOn(store, siteId)) {
            throw new ConflictException("store " + storeId + " is not visible to any store active on site " + siteId
                    + "; make it visible there first (a name_store_join for name " + store.nameId() + ")");
        }
        boolean becomesCollector = wanted == SyncWithType.ACTIVE_COLLECTOR && siteId != Site.CENTRAL
                && (copy == null || copy.type() != SyncWithType.ACTIVE_COLLECTOR);
        List<String> unseen = becomesCollector ? collectorPatients.unseenBy(storeId, siteId) : List.of();
        if (copy == null) {
            em.persist(new SyncWith(storeId, siteId, wanted));
            publisher.sendStoreRecordTo(store, siteId);
        } else {
            copy.change(wanted);
        }
        collectorPatients.sendHistories(unseen, siteId);
        if (before != wanted) {
            auditSyncWith(who, storeId, siteId, before, wanted);
        }
    }

    private void auditSyncWith(String who, String storeId, int siteId, SyncWithType before, SyncWithType after) {
        audit.record(who, "store.sync-with", "store " + storeId + " site " + siteId, "copy of store " + storeId
                + " on site " + siteId + ": " + before + " -> " + after);
    }

    /**
     * Makes the store active on another site (move-store, the seed's "Moving a store from one sync site to another"):
     * from now on only that site may change its data. The site it leaves keeps a transfer copy, or a collector copy
     * when asked; a store leaving the central leaves it a collector copy all the same (the central keeps one of every
     * store active elsewhere, as its backup). The store record, whose {@code sync_id_remote_site} names the active
     * site, goes again to every site with a copy of the store but the new active one, which gets it with the rest of
     * the store's data. A store active on the target already (a re-run after a kill) is left as it is.
     */
    public Store moveTo(String storeId, int fromSiteId, int toSiteId, boolean keepCollector) {
        // Locking the target serialises this with store creation there (a mobile site has one active store).
        Site target = em.find(Site.class, toSiteId, LockModeType.PESSIMISTIC_WRITE);
        if (target == null) {
            throw UnknownResourceException.inBody("there is no site " + toSiteId);
        }
        Store store = find(storeId);
        if (store.isActiveOn(toSiteId)) {
            return store;
        }
        if (!store.isActiveOn(fromSiteId)) {
            throw new ConflictException("store " + storeId + " is active on site " + store.activeSiteId()
                    + " now, not on site " + fromSiteId + " that it was to move from");
        }
        refuseRetired(target);
        refuseSecondStoreOnMobile(target);
        boolean firstDispensary = store.isDispensary() && referenceData.isMissedBy(toSiteId);
        store.activateOn(toSiteId);
        if (firstDispensary) {
            referenceData.logAgain();
        }
        SyncWith arriving = em.find(SyncWith.class, new SyncWith.Key(storeId, toSiteId));
        if (arriving != null) {
            em.remove(arriving);
        }
        keepCopy(storeId, fromSiteId,
                keepCollector || fromSiteId == Site.CENTRAL ? SyncWithType.ACTIVE_COLLECTOR : SyncWithType.TRANSFER);
        if (toSiteId != Site.CENTRAL && em.find(SyncWith.class, new SyncWith.Key(storeId, Site.CENTRAL)) == null) {
            em.persist(new SyncWith(storeId, Site.CENTRAL, SyncWithType.ACTIVE_COLLECTOR));
        }
        centralCopy.find("store", storeId).ifPresent(record -> write("store", storeId,
                JSON.createObjectBuilder(CentralCopy.parse(record.data())).add("sync_id_remote_site", toSiteId).build(),
                storeId));
        // In ascending site order, as queue counters are taken (OutboundQueues.count).
        em.createNamedQuery(SyncWith.OF_STORE, SyncWith.class).setParameter("storeId", storeId).getResultStream()
                .map(SyncWith::siteId).filter(site -> site != toSiteId).sorted()
                .forEach(site -> publisher.sendStoreRecordTo(store, site));
        return store;
    }

    private void keepCopy(String storeId, int siteId, SyncWithType type) {
        SyncWith copy = em.find(SyncWith.class, new SyncWith.Key(storeId, siteId));
        if (copy == null) {
            em.persist(new SyncWith(storeId, siteId, type));
        } else {
            copy.change(type);
        }
    }

    private void refuseSecondStoreOnMobile(Site site) {
        if (site.type() == SiteType.MOBILE) {
            activeOn(site.id()).stream().findFirst().ifPresent(other -> {
                throw new ConflictException("site " + site.id() + " is a mobile site and store " + other.id()
                        + " is already active on it; a mobile site has one active store");
            });
        }
    }

    private static void refuseRetired(Site site) {
        if (site.isRetired()) {
            throw new ConflictException("site " + site.id() + " is retired: it syncs no more");
        }
    }

    private void writeStoreRecords(Store store) {
        LocalDate today = StoreRecords.today();
        write("store", store.id(), StoreRecords.storeRow(store, today), store.id());
        write("name", store.nameId(), StoreRecords.nameRow(store, today), null);
    }

    private void write(String table, String id, JsonObject row, String storeId) {
        centralCopy.write(table, id, row.toString(), storeId, null, Site.CENTRAL, true);
    }


    private static SyncWithType syncWithType(String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidRequestException("type is required: NONE, ACTIVE_COLLECTOR or TRANSFER");
        }
        try {
            return SyncWithType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("type must be NONE, ACTIVE_COLLECTOR or TRANSFER, got \"" + type + "\"");
        }
    }
}
