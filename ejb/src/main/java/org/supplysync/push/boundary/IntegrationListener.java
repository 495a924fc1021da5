package org.supplysync.push.boundary;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.supplysync.push.control.IntegrationRequests;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Integrates a site's closed push sessions when asked. Outside a transaction of its own: each chunk commits on its
 * own, and the request is acknowledged only when the site's sessions are integrated, so a crash half-way leaves the
 * request in the broker to be delivered again after the restart. Concurrency is the container's MDB pool; one
 * integration per site at a time is {@link Integration}'s lock.
 */
@JMSDestinationDefinition(name = IntegrationRequests.QUEUE, interfaceName = "jakarta.jms.Queue",
        destinationName = "SupplysyncIntegration")
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = IntegrationRequests.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IntegrationListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(IntegrationListener.class.getName());

    @Inject
    Integration integration;

    @Override
    public void onMessage(Message message) {
        int siteId;
        try {
            siteId = message.getIntProperty(IntegrationRequests.SITE_ID);
        } catch (JMSException | NumberFormatException e) {
            LOG.log(Level.SEVERE, "an integration request without a site id was dropped", e);
            return;
        }
        integration.integrate(siteId);
    }
}
