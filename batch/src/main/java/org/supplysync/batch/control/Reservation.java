package org.supplysync.batch.control;

/** What asking for a run got: a new run, the one already running (joined), or an interrupted one to restart. */
public record Reservation(JobRun run, Kind kind) {

    public enum Kind { NEW, JOINED, RESUMED }
}
