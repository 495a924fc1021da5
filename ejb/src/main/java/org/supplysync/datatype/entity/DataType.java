package org.supplysync.datatype.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One synced mSupply table in the data-type registry, with the record fields that decide its owner and its
 * destinations. The registry is data (migration V1), so a new table is a row, not a code change.
 */
@Entity
@Table(name = "data_type")
@NamedQuery(name = DataType.ALL, query = "select d from DataType d order by d.tableName")
public class DataType {

    public static final String ALL = "DataType.all";

    @Id
    @Column(name = "table_name")
    private String tableName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DataTypeKind type;

    @Column(name = "store_field")
    private String storeField;

    @Column(name = "parent_table")
    private String parentTable;

    @Column(name = "parent_field")
    private String parentField;

    @Column(name = "transfer_field")
    private String transferField;

    @Column(name = "patient_field")
    private String patientField;

    @Column(name = "dispensary_only", nullable = false)
    private boolean dispensaryOnly;

    @Column(name = "transaction_data", nullable = false)
    private boolean transactionData;

    @Column(name = "seed_row", nullable = false)
    private String seedRow;

    private String notes;

    protected DataType() {
    }

    public DataType(String tableName, DataTypeKind type, String storeField, String parentTable, String parentField,
                    String transferField, String patientField, boolean dispensaryOnly, boolean transactionData) {
        this.tableName = tableName;
        this.type = type;
        this.storeField = storeField;
        this.parentTable = parentTable;
        this.parentField = parentField;
        this.transferField = transferField;
        this.patientField = patientField;
        this.dispensaryOnly = dispensaryOnly;
        this.transactionData = transactionData;
        this.seedRow = "";
    }

    public String tableName() {
        return tableName;
    }

    public DataTypeKind type() {
        return type;
    }

    public String storeField() {
        return storeField;
    }

    public String parentTable() {
        return parentTable;
    }

    public String parentField() {
        return parentField;
    }

    public String transferField() {
        return transferField;
    }

    public String patientField() {
        return patientField;
    }

    public boolean isDispensaryOnly() {
        return dispensaryOnly;
    }

    public boolean isTransactionData() {
        return transactionData;
    }

    public String seedRow() {
        return seedRow;
    }

    public String notes() {
        return notes;
    }
}
