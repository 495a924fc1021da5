package org.supplysync.batch.control;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executions a thread of this server process runs now, and those that ended here without their end reaching the
 * database. Only the process can know this: the runtime's repository says STARTED alike for an execution that runs,
 * for one whose server was killed, and for one whose database went away under it. It is a fact about this process,
 * not state to keep: a restarted server starts with none, and every execution it finds active was interrupted.
 */
@ApplicationScoped
public class ExecutionsHere {

    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Set<Long> endedUnwritten = ConcurrentHashMap.newKeySet();
    private volatile boolean applicationStopping;

    void began(long executionId) {
        running.add(executionId);
    }

    /** Its thread is done; until {@link #written} its run's end may not be in the database. */
    void ended(long executionId) {
        endedUnwritten.add(executionId);
        running.remove(executionId);
    }

    /** The run's end is in the database. */
    public void written(long executionId) {
        endedUnwritten.remove(executionId);
    }

    public boolean running(long executionId) {
        return running.contains(executionId);
    }

    /** Running, or ended with its run's end not yet written (the listener is writing it, or could not). */
    public boolean unfinished(long executionId) {
        return running.contains(executionId) || endedUnwritten.contains(executionId);
    }

    /** The application is stopping: from now on a run that stops was stopped by that, and the executions running now. */
    public Set<Long> applicationStops() {
        applicationStopping = true;
        return Set.copyOf(running);
    }

    public boolean applicationStopping() {
        return applicationStopping;
    }

    /** Ended in this process, its run's end not written (the database was unreachable): the run is still active. */
    public boolean endedUnwritten(long executionId) {
        return endedUnwritten.contains(executionId);
    }
}
