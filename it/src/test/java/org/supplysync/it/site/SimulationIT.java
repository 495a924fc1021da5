package org.supplysync.it.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supplysync.client.simulate.Simulation;
import org.supplysync.it.DeployedApplication;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten sites, thirty stores, a week of work with parallel syncs: every site and the central converge to what the
 * sync rules say (sizes can be changed with supplysync.it.simulation.sites/stores/days/seed).
 */
class SimulationIT extends DeployedApplication {

    @TempDir
    Path dir;

    @Test
    void tenSitesThirtyStoresAndAWeekOfWorkConverge() throws Exception {
        Simulation.Result result = new Simulation(ServerUnderTest.BASE_URI, ServerUnderTest.ADMIN_PASSWORD,
                Integer.getInteger("supplysync.it.simulation.sites", 10),
                Integer.getInteger("supplysync.it.simulation.stores", 30),
                Integer.getInteger("supplysync.it.simulation.days", 7),
                Long.getLong("supplysync.it.simulation.seed", 42L), dir, System.out).run();
        assertThat(result.problems()).isEmpty();
        assertThat(result.converged()).isTrue();
    }
}
