package org.supplysync.datatype.entity;

/**
 * What a record field holds, where sites push it in another shape than they must pull it (registry table
 * {@code data_type_field}, migration V5; msupply-sync-v5.md §3.0).
 */
public enum FieldType {
    /** A date: pushed as "YYYY-MM-DDT00:00:00" or null, pulled as "YYYY-MM-DD" or "0000-00-00". */
    DATE,
    /** A time of day: pushed as "HH:MM:SS", pulled as integer seconds since midnight. */
    TIME,
    /** A number the client cannot read as null: pulled as a number, 0 for none. */
    NUMBER
}
