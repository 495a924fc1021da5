package org.supplysync.resync.control;

import java.util.List;

/** The rows of the central copy a scan examines: a condition on {@code sync_record} and its parameters, in order. */
public record Candidates(String condition, List<?> parameters) {

    public Candidates {
        parameters = List.copyOf(parameters);
    }
}
