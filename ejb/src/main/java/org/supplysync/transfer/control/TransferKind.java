package org.supplysync.transfer.control;

/**
 * The transfers the seed names, each with the tables of its two halves and their lines ("Stock transfers",
 * "Mobile requisitions", "Internal requisitions": an internal order is two transfers, ORDER then SUPPLY).
 */
public enum TransferKind {
    /** A customer invoice (ci) to a store, finalised: a supplier invoice (si) on hold in that store. */
    STOCK("transact", "transact", "trans_line", "trans_line"),
    /** A supplier credit (sc, a return) to a store, finalised: a customer credit (cc) in that store. */
    RETURN("transact", "transact", "trans_line", "trans_line"),
    /** A request requisition to a supplying store, finalised: a response requisition in that store. */
    REQUISITION("requisition", "requisition", "requisition_line", "requisition_line"),
    /** A purchase order to a supplying store, confirmed: a customer invoice in that store. */
    ORDER("purchase_order", "transact", "purchase_order_line", "trans_line"),
    /** The customer invoice of an ORDER, finalised: goods received in the ordering store. */
    SUPPLY("transact", "Goods_received", "trans_line", "Goods_received_line");

    private final String initiatingTable;
    private final String respondingTable;
    private final String initiatingLineTable;
    private final String respondingLineTable;

    TransferKind(String initiatingTable, String respondingTable, String initiatingLineTable, String respondingLineTable) {
        this.initiatingTable = initiatingTable;
        this.respondingTable = respondingTable;
        this.initiatingLineTable = initiatingLineTable;
        this.respondingLineTable = respondingLineTable;
    }

    public String initiatingTable() {
        return initiatingTable;
    }

    public String respondingTable() {
        return respondingTable;
    }

    public String initiatingLineTable() {
        return initiatingLineTable;
    }

    public String respondingLineTable() {
        return respondingLineTable;
    }

    /** Whether records of this table can take part in a transfer (either half, or a line of one). */
    public static boolean involves(String table) {
        for (TransferKind kind : values()) {
            if (table.equals(kind.initiatingTable) || table.equals(kind.respondingTable)
                    || table.equals(kind.initiatingLineTable) || table.equals(kind.respondingLineTable)) {
                return true;
            }
        }
        return false;
    }

    /** The field of the responding half that holds its number (-1 until the responding site numbers it). */
    public String respondingNumberField() {
        return respondingTable.equals("transact") ? "invoice_num" : "serial_number";
    }
}
