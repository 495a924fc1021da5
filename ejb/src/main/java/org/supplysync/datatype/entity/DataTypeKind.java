package org.supplysync.datatype.entity;

/** The seed's data types: who may change a record and where it goes. */
public enum DataTypeKind {
    /** Edited on the primary only; sent to every site. */
    CENTRAL,
    /** Edited on the primary only; sent to the site where its store is active. */
    CENTRAL_STORE,
    /** Edited where its store is active; sent to the store's collector copies (a transfer also to the other store's sites). */
    STORE,
    /** Edited on any site ({@code barcode}, sync-rules.md); sent to every site but the one that made the change. */
    SHARED,
    /** Edited where the patient's home store is active; sent where the patient is visible. */
    PATIENT,
    /**
     * Edited on any site; kept on the central and sent to no site ({@code user}: sync-rules.md, "Users"). The central
     * hands each kept record to the feature that owns the table ({@code record.boundary.KeptForCentral}).
     */
    TO_CENTRAL,
    /** Edited anywhere; never synced. */
    LOCAL,
    /** Edited on the central server only; never synced directly. */
    SYNC,
    /** Edited anywhere; sent by its receiving store. */
    MESSAGE
}
