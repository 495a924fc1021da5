package org.supplysync.site.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.supplysync.platform.Audit;
import org.supplysync.platform.ConflictException;
import org.supplysync.platform.InvalidRequestException;
import org.supplysync.platform.Requests;
import org.supplysync.platform.UnknownResourceException;
import org.supplysync.security.boundary.Credentials;
import org.supplysync.security.control.Passwords;
import org.supplysync.site.entity.Site;
import org.supplysync.site.entity.SiteType;
import org.supplysync.store.entity.Store;
import org.supplysync.store.entity.SyncWith;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers remote sites and looks after their credentials. Every administrator's change is audited under their name,
 * never with a password.
 */
@Stateless
public class Sites {

    /** The site table's columns: name VARCHAR(100), hardware_id VARCHAR(255). */
    private static final int MAX_NAME = 100;
    private static final int MAX_HARDWARE_ID = 255;

    @PersistenceContext
    EntityManager em;

    @Inject
    Passwords passwords;

    @Inject
    Credentials credentials;

    @Inject
    Audit audit;

    public Site register(SiteRegistration registration, String who) {
        if (registration == null) {
            throw new InvalidRequestException("the request body is missing");
        }
        if (registration.id() == null) {
            throw new InvalidRequestException("id is required: the site's numeric sync id");
        }
        if (registration.id() == Site.CENTRAL) {
            throw new ConflictException("site 1 is the central server and exists already");
        }
        if (registration.id() < 1) {
            throw new InvalidRequestException("id must be a positive number, got " + registration.id());
        }
        String name = Requests.required(registration.name(), "name", MAX_NAME);
        String password = Requests.required(registration.password(), "password");
        SiteType type = siteType(registration.type());
        boolean primary = Boolean.TRUE.equals(registration.primary());

        if (em.find(Site.class, registration.id()) != null) {
            throw new ConflictException("site " + registration.id() + " exists already");
        }
        if (!em.createNamedQuery(Site.BY_NAME, Site.class).setParameter("name", name).getResultList().isEmpty()) {
            throw new ConflictException("a site named '" + name + "' exists already");
        }
        if (primary) {
            refuseSecondPrimary(registration.id());
        }
        Site site = new Site(registration.id(), name, type, passwords.siteHash(password), primary);
        em.persist(site);
        em.flush();
        for (String table : new String[]{"site_queue", "push_session", "integration_lock"}) {
            em.createNativeQuery("insert into " + table + " (site_id) values (?)").setParameter(1, site.id()).executeUpdate();
        }
        audit.record(who, "site.register", target(site), "site " + name + " registered, "
                + type.name().toLowerCase(Locale.ROOT) + (primary ? ", primary" : ""));
        return site;
    }

    /**
     * Flags a remote site as the primary server of a mirrored set-up, or clears the flag (the central server is then
     * primary again).
     */
    public Site changePrimary(int id, boolean primary, String who) {
        Site site = find(id);
        if (site.isCentral()) {
            throw new ConflictException("the central server is primary whenever no remote site is flagged primary;"
                    + " clear the flag of the remote site instead");
        }
        if (primary) {
            refuseSecondPrimary(id);
        }
        boolean before = site.isPrimary();
        site.changePrimary(primary);
        audit.record(who, "site.primary", target(site), "primary flag of site " + site.name() + ": " + before + " -> "
                + primary);
        return site;
    }

    private void refuseSecondPrimary(int candidate) {
        em.createNamedQuery(Site.PRIMARY, Site.class).getResultStream()
                .filter(other -> other.id() != candidate).findFirst().ifPresent(other -> {
                    throw new ConflictException("site " + other.id() + " is the primary server already; there is only one");
                });
    }

    public Optional<Site> named(String name) {
        return em.createNamedQuery(Site.BY_NAME, Site.class).setParameter("name", name).getResultStream().findFirst();
    }

    /**
     * Whether an authenticated call of the site comes from its device: binds the device on first use, refuses
     * another device after that. The time of contact is noted with the call's sync session
     * ({@link SyncSessions#record}), in one transaction with it.
     */
    public boolean fromBoundDevice(int siteId, String hardwareId) {
        Requests.fitting(hardwareId, "the msupply-site-uuid header (hardware id)", MAX_HARDWARE_ID);
        Site site = find(siteId);
        boolean presented = hardwareId != null && !hardwareId.isBlank();
        if (site.hardwareId() == null && presented) {
            // Bound once: of two first calls racing, the one that loses finds the other's id bound.
            int bound = em.createNativeQuery("update site set hardware_id = ? where id = ? and hardware_id is null")
                    .setParameter(1, hardwareId).setParameter(2, siteId).executeUpdate();
            if (bound == 0) {
                em.refresh(site);
            }
        }
        String boundId = site.hardwareId() != null ? site.hardwareId() : (presented ? hardwareId : null);
        return boundId == null || boundId.equals(hardwareId);
    }

    public List<Site> all() {
        return em.createNamedQuery(Site.ALL, Site.class).getResultList();
    }

    public Site find(int id) {
        Site site = em.find(Site.class, id);
        if (site == null) {
            throw UnknownResourceException.inPath("there is no site " + id);
        }
        return site;
    }

    public void changePassword(int id, String password, String who) {
        Site site = find(id);
        if (site.isCentral()) {
            throw new ConflictException("site 1 is the central server; it does not sync with a password");
        }
        if (site.isRetired()) {
            throw new ConflictException("site " + id + " is retired: it syncs no more");
        }
        site.changePasswordHash(passwords.siteHash(Requests.required(password, "password")));
        credentials.forgetSite(site.name());
        audit.record(who, "site.password", target(site), "password of site " + site.name() + " changed");
    }

    /** Lets the next device to sync bind the site (a new installation). The audit never names a device. */
    public void unbindHardwareId(int id, String who) {
        Site site = find(id);
        boolean wasBound = site.hardwareId() != null;
        site.unbindHardwareId();
        credentials.forgetSite(site.name());
        audit.record(who, "site.unbind", target(site), "device of site " + site.name()
                + (wasBound ? " unbound" : " unbound (none was bound)"));
    }

    /**
     * Retires a remote site left with no store (the seed's last step of a move), in the caller's transaction: refused
     * while a store is active on it, a job runs for it or it is the primary server. Its password and device binding
     * go, so it can no longer authenticate, and its copies of other stores, so nothing is routed to it any more; the
     * administrator's act is audited. Its queue is purged apart ({@link SiteRetirement}). False when the site was
     * retired already: nothing changes then.
     */
    public boolean retire(int id, String who) {
        Site site = em.find(Site.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (site == null) {
            throw UnknownResourceException.inPath("there is no site " + id);
        }
        if (site.isRetired()) {
            return false;
        }
        if (site.isCentral()) {
            throw new ConflictException("site 1 is the central server; it cannot be retired");
        }
        if (site.isPrimary()) {
            throw new ConflictException("site " + id + " is the primary server; clear its primary flag first");
        }
        List<String> stores = em.createNamedQuery(Store.ACTIVE_ON, Store.class).setParameter("siteId", id)
                .getResultStream().map(Store::id).toList();
        if (!stores.isEmpty()) {
            throw new ConflictException("site " + id + " still has active stores " + stores
                    + "; move them to another site first (the move-store job)");
        }
        // The site row is locked: a job reservation (JobRuns, which locks it too) waits for this one, then sees it retired.
        List<?> jobs = em.createNativeQuery("select job_name from job_run where state = 'ACTIVE'"
                + " and (site_id = ? or other_site_id = ?)").setParameter(1, id).setParameter(2, id).getResultList();
        if (!jobs.isEmpty()) {
            throw new ConflictException("site " + id + " runs " + jobs.get(0) + "; retire it once the job has ended");
        }
        List<SyncWith> copies = em.createQuery("select w from SyncWith w where w.siteId = :siteId order by w.storeId",
                SyncWith.class).setParameter("siteId", id).getResultList();
        copies.forEach(em::remove);
        site.retire(LocalDateTime.now(ZoneOffset.UTC));
        credentials.forgetSite(site.name());
        audit.record(who, "site.retire", target(site), "site " + site.name() + " retired: credentials removed, queue"
                + " purged" + (copies.isEmpty() ? "" : ", its copies of stores " + copies.stream().map(copy ->
                copy.storeId() + " (" + copy.type() + ")").toList() + " removed"));
        return true;
    }

    /**
     * A (re)initialisation of the site begins: {@code site_status} and {@code GET site} say so until it ends, and the
     * site's central-data cursor goes back to the start (a new installation reads central data from cursor 0).
     */
    public void initialisationStarted(int siteId) {
        em.createNativeQuery("update site set initialisation_status = 'started', sync_status = 'initialisation_in_progress'"
                + " where id = ?").setParameter(1, siteId).executeUpdate();
        em.createNativeQuery("update site_activity set central_cursor = 0 where site_id = ?")
                .setParameter(1, siteId).executeUpdate();
    }

    /** The site's (re)initialisation completed: its queue holds everything it must hold. */
    public void initialisationCompleted(int siteId) {
        em.createNativeQuery("update site set initialisation_status = 'completed', sync_status = 'idle' where id = ?")
                .setParameter(1, siteId).executeUpdate();
    }

    /** The site's (re)initialisation stopped or failed before it completed (a restart goes on from where it was). */
    public void initialisationInterrupted(int siteId) {
        em.createNativeQuery("update site set initialisation_status = 'error', sync_status = 'idle'"
                + " where id = ? and initialisation_status = 'started'").setParameter(1, siteId).executeUpdate();
    }

    /** The site that owns central data: the remote site flagged primary in a mirrored set-up, else the central. */
    public int primarySiteId() {
        return em.createNamedQuery(Site.PRIMARY, Site.class).getResultStream()
                .findFirst().map(Site::id).orElse(Site.CENTRAL);
    }


    private static String target(Site site) {
        return "site " + site.id();
    }

    private static SiteType siteType(String type) {
        if (type == null || type.isBlank()) {
            throw new InvalidRequestException("type is required: \"desktop\" or \"mobile\"");
        }
        try {
            return SiteType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("type must be \"desktop\" or \"mobile\", got \"" + type + "\"");
        }
    }
}
