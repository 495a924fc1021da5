package org.supplysync.batch.census;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.supplysync.record.boundary.CentralRecords;

import java.util.Map;
import java.util.logging.Logger;

/** Counts the records of the central copy per table and reports the total as the step's exit status. */
@Named
@Dependent
public class CentralCopyCensus extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(CentralCopyCensus.class.getName());

    @Inject
    CentralRecords centralRecords;

    @Override
    public String process() {
        Map<String, Long> counts = centralRecords.countByTable();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        counts.forEach((table, count) -> LOG.info(() -> "central copy: " + table + " " + count));
        return "COUNTED " + total + " records in " + counts.size() + " tables";
    }
}
