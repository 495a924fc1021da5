package org.supplysync.client.chaos;

/** Where a kill lands: the moments of a sync (and of a resync job) in which the server holds work half done. */
public enum FaultPoint {

    MID_PUSH("mid-push", "a push request in flight, earlier batches of its session answered 200"),
    MID_INTEGRATION("mid-integration", "a complete push integrating (site_status integration_in_progress)"),
    MID_PULL("mid-pull", "a pull of the site's queue in flight"),
    PULLED_NOT_ACKNOWLEDGED("between pull and ack", "a page pulled and stored by the site, its acknowledgement not sent"),
    MID_JOB("mid-job", "an initialise-site job running, 0 < done < total");

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
