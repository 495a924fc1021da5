package org.supplysync.record.control;

import org.supplysync.datatype.entity.DataType;

import java.util.Map;
import java.util.Optional;

/** The checks every record's v5 envelope must pass before anything looks at its data. */
public final class Envelope {

    private Envelope() {
    }

    /** Why the envelope is unusable, if it is. */
    public static Optional<String> problem(IncomingRecord record, Map<String, DataType> registry) {
        if (record.tableName() == null || record.tableName().isBlank()) {
            return Optional.of("tableName is missing");
        }
        if (record.recordId() == null || record.recordId().isBlank()) {
            return Optional.of("recordId is missing");
        }
        if (!registry.containsKey(record.tableName())) {
            return Optional.of("unknown table " + record.tableName() + ": it is not in the data-type registry");
        }
        if (RecordAction.parse(record.action()).isEmpty()) {
            return Optional.of("unknown action \"" + record.action() + "\": insert, update, delete or merge");
        }
        return Optional.empty();
    }
}
