package org.supplysync.resync.control;

import java.util.List;

/** SQL on the central copy and its parameters, in the order of its placeholders. */
public record Query(String sql, List<?> parameters) {

    public Query {
        parameters = List.copyOf(parameters);
    }
}
