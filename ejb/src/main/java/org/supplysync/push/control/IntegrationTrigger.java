package org.supplysync.push.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.supplysync.push.boundary.Integration;

/** Starts integration only after the last batch is committed, so that it sees every buffered record. */
@ApplicationScoped
public class IntegrationTrigger {

    @Inject
    Integration integration;

    void onLastBatch(@Observes(during = TransactionPhase.AFTER_SUCCESS) IntegrationRequested request) {
        integration.integrate(request.siteId());
    }
}
