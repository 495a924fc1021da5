package org.supplysync.push.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/**
 * Finishes integrations a restart or a failure interrupted: at start-up, and every minute, each site still
 * "integration_in_progress" is integrated again (integration of a site is serialised, so this never doubles work).
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
public class IntegrationRecovery {

    @PersistenceContext
    EntityManager em;

    @Inject
    Integration integration;

    @PostConstruct
    void atStartUp() {
        resumeInterruptedIntegrations();
    }

    @Schedule(minute = "*", hour = "*", persistent = false)
    void resumeInterruptedIntegrations() {
        List<Number> sites = em.createNativeQuery("select id from site where sync_status = 'integration_in_progress'")
                .getResultList();
        sites.forEach(site -> integration.integrate(site.intValue()));
    }
}
