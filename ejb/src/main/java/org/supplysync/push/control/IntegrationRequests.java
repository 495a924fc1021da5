package org.supplysync.push.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;

/**
 * Asks for a site's closed push sessions to be integrated, through a JMS queue consumed by
 * {@link org.supplysync.push.boundary.IntegrationListener}: sent in the caller's transaction, so a request exists
 * exactly when the session it closes does, and it survives a restart in the broker.
 */
@Dependent
public class IntegrationRequests {

    /** Declared on {@link org.supplysync.push.boundary.IntegrationListener}, which consumes it. */
    public static final String QUEUE = "java:app/jms/IntegrationQueue";
    public static final String SITE_ID = "siteId";

    /** How long a request waits before it is tried again when the site's integration is busy. */
    private static final long RETRY_DELAY_MS = 2_000;

    @Inject
    JMSContext jms;

    @Resource(lookup = QUEUE)
    Queue queue;

    /** Integration of the site's closed sessions, once the caller's transaction commits. */
    public void request(int siteId) {
        jms.createProducer().setProperty(SITE_ID, siteId).send(queue, "");
    }

    /** The same, a little later: another integration of the site runs now and may miss what this one is for. */
    public void requestLater(int siteId) {
        jms.createProducer().setDeliveryDelay(RETRY_DELAY_MS).setProperty(SITE_ID, siteId).send(queue, "");
    }
}
