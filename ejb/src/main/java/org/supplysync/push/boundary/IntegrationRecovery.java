package org.supplysync.push.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.supplysync.push.control.IntegrationRequests;

import java.util.List;

/**
 * At start-up, asks again for the integration of every site with closed sessions still buffered. Requests live in
 * the broker and survive a restart; this covers a broker store lost or reset, and buffers left by an older version.
 * A request too many costs nothing: it finds the sessions integrated, or the site's integration busy.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
public class IntegrationRecovery {

    @PersistenceContext
    EntityManager em;

    @Inject
    IntegrationRequests requests;

    @PostConstruct
    void atStartUp() {
        List<Number> sites = em.createNativeQuery("""
                        select distinct b.site_id from push_buffer b join push_session s on s.site_id = b.site_id
                        where b.session < s.open_session""").getResultList();
        sites.forEach(site -> requests.request(site.intValue()));
    }
}
