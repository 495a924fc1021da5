package org.supplysync.web.datatype;

import org.supplysync.datatype.entity.DataType;

/** One row of the data-type registry. */
public record DataTypeView(String tableName, String type, String storeField, String parentTable, String parentField,
                           String transferField, String patientField, boolean dispensaryOnly,
                           boolean transactionData, String seedRow, String notes) {

    static DataTypeView of(DataType type) {
        return new DataTypeView(type.tableName(), type.type().name(), type.storeField(), type.parentTable(),
                type.parentField(), type.transferField(), type.patientField(), type.isDispensaryOnly(),
                type.isTransactionData(), type.seedRow(), type.notes());
    }
}
