package org.supplysync.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One active {@code name_store_join}: the name is visible in the store. Kept beside the central copy so that
 * "is store X visible to a store active on site S" is a query, not a scan of JSON.
 */
@Entity
@Table(name = "name_visibility")
public class NameVisibility {

    @Id
    @Column(name = "join_id")
    private String joinId;

    @Column(name = "name_id", nullable = false)
    private String nameId;

    @Column(name = "store_id", nullable = false)
    private String storeId;

    protected NameVisibility() {
    }

    public NameVisibility(String joinId, String nameId, String storeId) {
        this.joinId = joinId;
        this.nameId = nameId;
        this.storeId = storeId;
    }

    public String joinId() {
        return joinId;
    }

    public String nameId() {
        return nameId;
    }

    public String storeId() {
        return storeId;
    }
}
