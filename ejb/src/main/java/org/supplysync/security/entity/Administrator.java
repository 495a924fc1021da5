package org.supplysync.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/**
 * A person who uses the admin API, under a name of their own (the audit's "who"), in a {@link Role}. Never deleted,
 * since the audit names them: a deactivated administrator is refused like an unknown one.
 */
@Entity
@Table(name = "administrator")
@NamedQuery(name = Administrator.ALL, query = "select a from Administrator a order by a.username")
public class Administrator {

    public static final String ALL = "Administrator.all";

    /** The column's width: username VARCHAR(100). */
    public static final int MAX_NAME = 100;

    @Id
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private boolean active;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at", insertable = false, updatable = false)
    private LocalDateTime createdAt;

    protected Administrator() {
    }

    public Administrator(String username, String passwordHash, Role role, String createdBy) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role.label();
        this.active = true;
        this.createdBy = createdBy;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return Role.of(role).orElseThrow(() -> new IllegalStateException("administrator " + username + " has role " + role));
    }

    public boolean isActive() {
        return active;
    }

    /** Whether the administrator may change things now: active, in the admin role. */
    public boolean isActiveAdmin() {
        return active && role() == Role.ADMIN;
    }

    public String createdBy() {
        return createdBy;
    }

    public LocalDateTime createdAt() {
        return createdAt;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void changeRole(Role role) {
        this.role = role.label();
    }

    public void changeActive(boolean active) {
        this.active = active;
    }
}
