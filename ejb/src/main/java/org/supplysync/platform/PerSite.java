package org.supplysync.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A figure of every site read in one query, for lists that show it per site without a query per site. */
public final class PerSite {

    private PerSite() {
    }

    /** Rows of {@code (site_id, number)}; a site without a row has none. */
    public static Map<Integer, Long> counts(List<?> rows) {
        Map<Integer, Long> counts = new HashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            counts.put(((Number) columns[0]).intValue(), ((Number) columns[1]).longValue());
        }
        return counts;
    }
}
