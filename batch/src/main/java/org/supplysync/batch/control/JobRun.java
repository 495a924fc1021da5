package org.supplysync.batch.control;

import org.supplysync.resync.boundary.Position;

import java.time.Instant;

/**
 * One piece of work a job does (initialise site 7, move store B to site 3) across its executions: a restart is a new
 * execution of the same run, and goes on from the run's position.
 */
public record JobRun(long runId, String jobName, String parameters, int siteId, Integer otherSiteId, State state,
                     Long executionId, Position position, long done, Long total, long queued, Instant startedAt,
                     Instant endedAt) {

    public enum State { ACTIVE, COMPLETED, STOPPED, FAILED }

    public boolean active() {
        return state == State.ACTIVE;
    }
}
