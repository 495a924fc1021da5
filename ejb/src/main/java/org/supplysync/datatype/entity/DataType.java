package org.supplysync.datatype.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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

    @Column(nullable = false)
    private boolean mergeable;

    /** "field=value": a record of this table is patient data when the field has that value (a name of type patient). */
    @Column(name = "patient_when")
    private String patientWhen;

    /** On a record that is itself a patient or prescriber: the field naming its home store. */
    @Column(name = "home_store_field")
    private String homeStoreField;

    /** A join that makes the name in {@link #patientField()} visible in the store in {@link #storeField()}. */
    @Column(name = "visibility_join", nullable = false)
    private boolean visibilityJoin;

    /** The store record itself: it goes to every site with a copy of the store. */
    @Column(name = "to_every_copy", nullable = false)
    private boolean toEveryCopy;

    /** Purchase orders and their lines: edited on the primary only while centralised procurement is on (V10). */
    @Column(nullable = false)
    private boolean procurement;

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

    /** A registry row with the rules that are not plain fields (tests build the registry with this). */
    public DataType(String tableName, DataTypeKind type, String storeField, String parentTable, String parentField,
                    String transferField, String patientField, boolean dispensaryOnly, boolean transactionData,
                    boolean mergeable, String patientWhen, String homeStoreField, boolean visibilityJoin,
                    boolean toEveryCopy) {
        this(tableName, type, storeField, parentTable, parentField, transferField, patientField, dispensaryOnly,
                transactionData);
        this.mergeable = mergeable;
        this.patientWhen = patientWhen;
        this.homeStoreField = homeStoreField;
        this.visibilityJoin = visibilityJoin;
        this.toEveryCopy = toEveryCopy;
    }

    /** A registry row of a table that centralised procurement moves to the primary (tests build the registry with this). */
    public DataType asProcurement() {
        this.procurement = true;
        return this;
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

    public boolean isMergeable() {
        return mergeable;
    }

    public String patientWhen() {
        return patientWhen;
    }

    public String homeStoreField() {
        return homeStoreField;
    }

    public boolean isVisibilityJoin() {
        return visibilityJoin;
    }

    public boolean goesToEveryCopy() {
        return toEveryCopy;
    }

    public boolean isProcurement() {
        return procurement;
    }

    /** Lines carry no store of their own: they follow their parent record. */
    public boolean isLine() {
        return parentTable != null;
    }

    /** Whether this record is patient data: always for patient tables, for others when {@link #patientWhen()} says so. */
    public boolean isPatientRecord(JsonObject data) {
        if (type == DataTypeKind.PATIENT) {
            return true;
        }
        if (patientWhen == null || data == null) {
            return false;
        }
        int eq = patientWhen.indexOf('=');
        return data.get(patientWhen.substring(0, eq)) instanceof JsonString value
                && value.getString().equals(patientWhen.substring(eq + 1));
    }

    /** Whether a record of this table can be a patient or prescriber itself (and so has a home store). */
    public boolean canBePatient() {
        return homeStoreField != null;
    }

    public String seedRow() {
        return seedRow;
    }

    public String notes() {
        return notes;
    }
}
