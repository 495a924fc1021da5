package org.supplysync.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;

/**
 * Deploys the real EAR, as built by the {@code ear} module, to the running Payara Server domain; tests then talk to
 * it over HTTP like any client would.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedApplication {

    @Deployment(testable = false)
    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("supplysync.it.ear")));
    }
}
