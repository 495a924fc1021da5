package org.supplysync.record.control;

/** The outcome of the ownership check for one record. */
public sealed interface Verdict {

    /** The site may make this change; the record belongs to this store and/or patient (either may be null). */
    record Accepted(String storeId, String patientId) implements Verdict {
    }

    /** The site may not; {@code reason} names the rule it breaks. */
    record Refused(String reason) implements Verdict {
    }

    static Verdict accepted(String storeId, String patientId) {
        return new Accepted(storeId, patientId);
    }

    static Verdict refused(String reason) {
        return new Refused(reason);
    }
}
