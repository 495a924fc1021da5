package org.supplysync.batch.boundary;

import jakarta.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * What an administrator sees of one execution of a job (admin-api.md, "Jobs"): its run's parameters and progress
 * (records of the central copy examined of the total; the rate and the time left while it runs), and, for one
 * execution asked for by id, what went wrong in its run.
 */
public record JobView(long executionId, long runId, String jobName, String status, JsonObject parameters, long done,
                      Long total, long queued, Double ratePerSecond, Long secondsLeft, Instant startedAt,
                      Instant endedAt, String exitStatus, List<String> failures) {
}
