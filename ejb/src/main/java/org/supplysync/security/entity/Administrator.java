package org.supplysync.security.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who configures the central server through the admin API (role {@code admin}). */
@Entity
@Table(name = "administrator")
public class Administrator {

    @Id
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    protected Administrator() {
    }

    public Administrator(String username, String passwordHash) {
        this.username = username;
        this.passwordHash = passwordHash;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void changePasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }
}
