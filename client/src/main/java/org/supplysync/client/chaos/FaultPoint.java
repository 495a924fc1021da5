package org.supplysync.client.chaos;

/** Where a kill lands: the moments of a sync (and of a resync job) in which the server holds work half done. */
public enum FaultPoint {

    MID_PUSH("mid-push", "a push batch waiting inside its transaction, earlier batches of its session answered 200"),
    MID_INTEGRATION("mid-integration", "an integration chunk waiting inside its transaction, its records written"),
    MID_PULL("mid-pull", "a pull of the site's queue waiting inside its transaction"),
    PULLED_NOT_ACKNOWLEDGED("between pull and ack", "a page pulled and stored by the site, its acknowledgement not sent"),
    MID_JOB("mid-job", "an initialise-site job running, 0 < done < total, its next chunk waiting inside its transaction");

    private final String label;
    private final String meaning;

    FaultPoint(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }
}
