package org.supplysync.site.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A sync site: the central server itself (site 1) or a remote site that pushes its changes and pulls what is
 * routed to it. Times are UTC.
 */
@Entity
@Table(name = "site")
// Volatile per-site state lives apart from the site row (V4): written on every call, it must never wait on a lock
// of the site. The application writes it with single-row updates; the entity only reads it.
@SecondaryTable(name = "site_activity", pkJoinColumns = @PrimaryKeyJoinColumn(name = "site_id"))
@NamedQuery(name = Site.ALL, query = "select s from Site s order by s.id")
@NamedQuery(name = Site.IDS, query = "select s.id from Site s order by s.id")
@NamedQuery(name = Site.BY_NAME, query = "select s from Site s where s.name = :name")
@NamedQuery(name = Site.PRIMARY, query = "select s from Site s where s.primary = true")
public class Site {

    public static final String ALL = "Site.all";
    public static final String IDS = "Site.ids";
    public static final String BY_NAME = "Site.byName";
    public static final String PRIMARY = "Site.primary";

    /** The central server's own sync id. */
    public static final int CENTRAL = 1;

    @Id
    private int id;

    @Column(nullable = false, updatable = false)
    private String uuid;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SiteType type;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "hardware_id")
    private String hardwareId;

    @Column(name = "is_primary", nullable = false)
    private boolean primary;

    @Column(table = "site_activity", name = "last_contact", updatable = false)
    private LocalDateTime lastContact;

    @Column(table = "site_activity", name = "central_cursor", nullable = false, updatable = false)
    private long centralCursor;

    @Column(name = "sync_status", nullable = false)
    private String syncStatus = "idle";

    @Column(name = "initialisation_status", nullable = false)
    private String initialisationStatus = "new";

    @Column(name = "retired_at")
    private LocalDateTime retiredAt;

    @Version
    private long version;

    protected Site() {
    }

    public Site(int id, String name, SiteType type, String passwordHash, boolean primary) {
        this.id = id;
        this.uuid = UUID.randomUUID().toString();
        this.name = name;
        this.type = type;
        this.passwordHash = passwordHash;
        this.primary = primary;
    }

    public boolean isCentral() {
        return id == CENTRAL;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void changePrimary(boolean primary) {
        this.primary = primary;
    }

    /** Frees the site to be bound to another device at its next sync. */
    public void unbindHardwareId() {
        this.hardwareId = null;
    }

    /**
     * The site syncs no more: no password, no device, nothing queued for it. Its row stays, with the history that
     * names it.
     */
    public void retire(LocalDateTime at) {
        this.passwordHash = null;
        this.hardwareId = null;
        this.retiredAt = at;
    }

    public boolean isRetired() {
        return retiredAt != null;
    }

    public int id() {
        return id;
    }

    public String uuid() {
        return uuid;
    }

    public String name() {
        return name;
    }

    public SiteType type() {
        return type;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String hardwareId() {
        return hardwareId;
    }

    public boolean isPrimary() {
        return primary;
    }

    public LocalDateTime lastContact() {
        return lastContact;
    }

    public long centralCursor() {
        return centralCursor;
    }

    public String syncStatus() {
        return syncStatus;
    }

    public String initialisationStatus() {
        return initialisationStatus;
    }

    public LocalDateTime retiredAt() {
        return retiredAt;
    }
}
