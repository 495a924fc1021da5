package org.supplysync.user.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A user who logs in on remote sites through {@code /api/v4/login}: made by an administrator, or by the first push of
 * its {@code user} record from a site. The administrator decides everything a login depends on (password, active,
 * stores and permissions); a pushed row never changes those.
 */
@Entity
@Table(name = "user_account")
@NamedQuery(name = UserAccount.ALL, query = "select distinct u from UserAccount u left join fetch u.stores order by u.name")
// The column's collation compares names case-insensitively, as Open mSupply does.
@NamedQuery(name = UserAccount.BY_NAME, query = "select u from UserAccount u where u.name = :name")
public class UserAccount {

    public static final String ALL = "UserAccount.all";
    public static final String BY_NAME = "UserAccount.byName";

    /** Column sizes of user_account. */
    public static final int MAX_NAME = 100;
    public static final int MAX_TEXT = 255;

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    private String email;

    @Column(name = "job_title")
    private String jobTitle;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_by_site_id")
    private Integer createdBySiteId;

    @Column(name = "pushed_row")
    private String pushedRow;

    @Column(name = "pushed_by_site_id")
    private Integer pushedBySiteId;

    @Column(name = "pushed_at")
    private LocalDateTime pushedAt;

    @Column(nullable = false)
    private long logins;

    @Column(name = "last_login_at")
    private LocalDateTime lastLoginAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private LocalDateTime createdAt;

    @OneToMany(mappedBy = "user", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("storeId")
    private List<StoreAccess> stores = new ArrayList<>();

    @Version
    private long version;

    protected UserAccount() {
    }

    private UserAccount(String id, String name, UserDetails details, boolean active) {
        this.id = id;
        this.name = name;
        this.active = active;
        this.createdAt = LocalDateTime.now(ZoneOffset.UTC);
        describe(details);
    }

    /** A user an administrator creates, with a new mSupply-style id (32 upper-case hex digits). */
    public static UserAccount created(String name, String passwordHash, UserDetails details, String administrator) {
        UserAccount user = new UserAccount(newId(), name, details, true);
        user.passwordHash = passwordHash;
        user.createdBy = administrator;
        return user;
    }

    /** A user the central learns of from a site's push: no password, so no login until an administrator sets one. */
    public static UserAccount pushed(String id, String name, UserDetails details, boolean active, int siteId,
                                     String row, LocalDateTime at) {
        UserAccount user = new UserAccount(id, name, details, active);
        user.createdBySiteId = siteId;
        user.pushedAgain(details, siteId, row, at);
        return user;
    }

    /**
     * A site pushed the user's row again: kept as pushed; the names, e-mail and job title follow it only for a user
     * a site made (an administrator's user is described by the administrator).
     */
    public void pushedAgain(UserDetails details, int siteId, String row, LocalDateTime at) {
        if (createdBySiteId != null) {
            describe(details);
        }
        this.pushedRow = row;
        this.pushedBySiteId = siteId;
        this.pushedAt = at;
    }

    private void describe(UserDetails details) {
        this.firstName = details.firstName();
        this.lastName = details.lastName();
        this.email = details.email();
        this.jobTitle = details.jobTitle();
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void changeActive(boolean active) {
        this.active = active;
    }

    public void loggedIn(LocalDateTime at) {
        this.logins++;
        this.lastLoginAt = at;
    }

    /** Gives the user access to a store, or changes what it may do there (the join keeps its id). */
    public StoreAccess grant(String storeId) {
        return access(storeId).orElseGet(() -> {
            StoreAccess access = new StoreAccess(newId(), this, storeId);
            stores.add(access);
            return access;
        });
    }

    /** Takes every store but these away. */
    public void keepOnly(List<String> storeIds) {
        stores.removeIf(access -> !storeIds.contains(access.storeId()));
    }

    public Optional<StoreAccess> access(String storeId) {
        return stores.stream().filter(access -> access.storeId().equals(storeId)).findFirst();
    }

    /** Whether the password can be checked at all: a pushed user has none until an administrator sets one. */
    public boolean hasPassword() {
        return passwordHash != null;
    }

    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public UserDetails details() {
        return new UserDetails(firstName, lastName, email, jobTitle);
    }

    public boolean isActive() {
        return active;
    }

    public String createdBy() {
        return createdBy;
    }

    public Integer createdBySiteId() {
        return createdBySiteId;
    }

    public String pushedRow() {
        return pushedRow;
    }

    public Integer pushedBySiteId() {
        return pushedBySiteId;
    }

    public LocalDateTime pushedAt() {
        return pushedAt;
    }

    public long logins() {
        return logins;
    }

    public LocalDateTime lastLoginAt() {
        return lastLoginAt;
    }

    public LocalDateTime createdAt() {
        return createdAt;
    }

    public List<StoreAccess> stores() {
        return List.copyOf(stores);
    }
}
