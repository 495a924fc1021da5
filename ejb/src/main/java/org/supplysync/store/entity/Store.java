package org.supplysync.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A store as the central server knows it: where it is active and how it takes part in sync. Its {@code store}
 * and {@code name} records, which sites receive, live in the central copy.
 */
@Entity
@Table(name = "store")
@NamedQuery(name = Store.ALL, query = "select s from Store s order by s.id")
@NamedQuery(name = Store.BY_NAME_ID, query = "select s from Store s where s.nameId = :nameId")
@NamedQuery(name = Store.ACTIVE_ON, query = "select s from Store s where s.activeSiteId = :siteId order by s.id")
public class Store {

    public static final String ALL = "Store.all";
    public static final String BY_NAME_ID = "Store.byNameId";
    public static final String ACTIVE_ON = "Store.activeOn";

    @Id
    private String id;

    @Column(nullable = false)
    private String code;

    @Column(nullable = false)
    private String name;

    /** The name record that stands for this store; other stores address transfers to it. */
    @Column(name = "name_id", nullable = false)
    private String nameId;

    @Column(name = "active_site_id", nullable = false)
    private int activeSiteId;

    @Column(nullable = false)
    private boolean dispensary;

    @Column(name = "include_transactions", nullable = false)
    private boolean includeTransactions;

    @Version
    private long version;

    protected Store() {
    }

    public Store(String id, String code, String name, String nameId, int activeSiteId, boolean dispensary,
                 boolean includeTransactions) {
        this.id = id;
        this.code = code;
        this.name = name;
        this.nameId = nameId;
        this.activeSiteId = activeSiteId;
        this.dispensary = dispensary;
        this.includeTransactions = includeTransactions;
    }

    /** The store moves: from now on only that site may change its data. */
    public void activateOn(int siteId) {
        this.activeSiteId = siteId;
    }

    public boolean isActiveOn(int siteId) {
        return activeSiteId == siteId;
    }

    /**
     * Whether the store's transactions, prescriptions, stock and stocktakes go to the central server: always,
     * unless it is a dispensary with "include transactions in sync" off.
     */
    public boolean sendsTransactions() {
        return !dispensary || includeTransactions;
    }

    public String id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String nameId() {
        return nameId;
    }

    public int activeSiteId() {
        return activeSiteId;
    }

    public boolean isDispensary() {
        return dispensary;
    }

    public boolean includesTransactions() {
        return includeTransactions;
    }
}
