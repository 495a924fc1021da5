package org.supplysync.batch.control;

import java.util.List;

/** The resync jobs under META-INF/batch-jobs that administrators (and sites, for their initialisation) start. */
public final class Jobs {

    public static final String INITIALISE_SITE = "initialise-site";
    public static final String RESEND_PATIENTS = "resend-patients";
    public static final String MOVE_STORE = "move-store";

    public static final List<String> ALL = List.of(INITIALISE_SITE, RESEND_PATIENTS, MOVE_STORE);

    private Jobs() {
    }
}
