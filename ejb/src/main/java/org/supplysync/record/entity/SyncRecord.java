package org.supplysync.record.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The central copy of one record: the latest version the central server received or created, with what it
 * belongs to and where it came from. A delete keeps the row as a tombstone so that a late update cannot revive it
 * unseen.
 */
@Entity
@Table(name = "sync_record")
@IdClass(SyncRecord.Key.class)
public class SyncRecord {

    @Id
    @Column(name = "table_name")
    private String tableName;

    @Id
    @Column(name = "record_id")
    private String recordId;

    @Column(name = "store_id")
    private String storeId;

    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "origin_site_id", nullable = false)
    private int originSiteId;

    @Column(nullable = false)
    private boolean deleted;

    /** False when the central server only knows whose the record is (its copy of the store is not a collector). */
    @Column(nullable = false)
    private boolean held = true;

    /** The mSupply row as JSON ({@code recordData}). */
    @Column(nullable = false)
    private String data;

    @Column(nullable = false)
    private long version;

    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    protected SyncRecord() {
    }

    public SyncRecord(String tableName, String recordId) {
        this.tableName = tableName;
        this.recordId = recordId;
    }

    /** Records a new version of the row, pushed by or made on {@code originSiteId}. */
    public void write(String data, String storeId, String patientId, int originSiteId, boolean held) {
        this.data = data;
        this.held = held;
        this.storeId = storeId;
        this.patientId = patientId;
        this.originSiteId = originSiteId;
        this.deleted = false;
        touch();
    }

    public void delete(int originSiteId) {
        this.deleted = true;
        this.originSiteId = originSiteId;
        if (this.data == null) {
            this.data = "{}";
        }
        touch();
    }

    private void touch() {
        this.version++;
        this.updatedAt = LocalDateTime.now(ZoneOffset.UTC);
    }

    public String tableName() {
        return tableName;
    }

    public String recordId() {
        return recordId;
    }

    public String storeId() {
        return storeId;
    }

    public String patientId() {
        return patientId;
    }

    public int originSiteId() {
        return originSiteId;
    }

    public boolean isHeld() {
        return held;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public String data() {
        return data;
    }

    public long version() {
        return version;
    }

    public LocalDateTime updatedAt() {
        return updatedAt;
    }

    /** The primary key: table name and record id. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String tableName;
        private String recordId;

        public Key() {
        }

        public Key(String tableName, String recordId) {
            this.tableName = tableName;
            this.recordId = recordId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(key.tableName, tableName)
                    && Objects.equals(key.recordId, recordId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tableName, recordId);
        }
    }
}
