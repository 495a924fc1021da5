package org.supplysync.client.sync;

/** A sync cycle that stopped; the message is for a person, the step says where it stopped. */
public class SyncFailure extends RuntimeException {

    private final String step;

    public SyncFailure(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    public String step() {
        return step;
    }
}
