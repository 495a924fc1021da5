package org.supplysync.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;

/** The copy of a store on one other site; a missing row means {@link SyncWithType#NONE}. */
@Entity
@Table(name = "store_sync_with")
@IdClass(SyncWith.Key.class)
@NamedQuery(name = SyncWith.OF_STORE, query = "select w from SyncWith w where w.storeId = :storeId")
@NamedQuery(name = SyncWith.ALL, query = "select w from SyncWith w")
public class SyncWith {

    public static final String OF_STORE = "SyncWith.ofStore";
    public static final String ALL = "SyncWith.all";

    @Id
    @Column(name = "store_id")
    private String storeId;

    @Id
    @Column(name = "site_id")
    private int siteId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SyncWithType type;

    protected SyncWith() {
    }

    public SyncWith(String storeId, int siteId, SyncWithType type) {
        if (type == SyncWithType.NONE) {
            throw new IllegalArgumentException("NONE is the absence of a copy, not a row");
        }
        this.storeId = storeId;
        this.siteId = siteId;
        this.type = type;
    }

    public void change(SyncWithType type) {
        this.type = type;
    }

    public String storeId() {
        return storeId;
    }

    public int siteId() {
        return siteId;
    }

    public SyncWithType type() {
        return type;
    }

    /** The primary key: the store and the other site. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String storeId;
        private int siteId;

        public Key() {
        }

        public Key(String storeId, int siteId) {
            this.storeId = storeId;
            this.siteId = siteId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.siteId == siteId && java.util.Objects.equals(key.storeId, storeId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(storeId, siteId);
        }
    }
}
