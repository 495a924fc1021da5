package org.supplysync.batch.boundary;

import java.time.Instant;

/** What an administrator sees of one run of a batch job. */
public record JobExecution(long executionId, String jobName, String batchStatus, String exitStatus,
                           Instant createTime, Instant endTime) {
}
