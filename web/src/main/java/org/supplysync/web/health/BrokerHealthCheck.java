package org.supplysync.web.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Up when the JMS broker that holds the sites' queues accepts a connection. */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker");
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer();
            return response.up().build();
        } catch (JMSRuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
