package org.supplysync.record.control;

import java.util.Locale;
import java.util.Optional;

/** What a pushed record does. Sites send "Update"/"Delete" capitalised, pulls use lower case: both are read. */
public enum RecordAction {
    /** insert and update: both an upsert by record id. */
    UPSERT,
    DELETE,
    /** item, name and clinician merges: {@code mergeIdToKeep} absorbs {@code mergeIdToDelete}. */
    MERGE;

    public static Optional<RecordAction> parse(String action) {
        if (action == null) {
            return Optional.empty();
        }
        return switch (action.toLowerCase(Locale.ROOT)) {
            case "insert", "update" -> Optional.of(UPSERT);
            case "delete" -> Optional.of(DELETE);
            case "merge" -> Optional.of(MERGE);
            default -> Optional.empty();
        };
    }
}
