package org.supplysync.it.site;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supplysync.client.simulate.Simulation;
import org.supplysync.it.DeployedApplication;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten sites, thirty stores, a week of work with parallel syncs, a few sites pushing what they do not own, and one
 * site that loses its database mid-week and initialises again as a new installation: every invariant of the sync
 * rules holds on every site and the central at the end (sizes can be changed with
 * supplysync.it.simulation.sites/stores/days/seed/trespassers/reinitialise).
 */
class SimulationIT extends DeployedApplication {

    @TempDir
    Path dir;

    @Test
    void tenSitesThirtyStoresAndAWeekOfWorkWithASiteReinitialisedMidweekConverge() throws Exception {
        Simulation.Result result = new Simulation(ServerUnderTest.BASE_URI, ServerUnderTest.ADMIN_PASSWORD,
                Integer.getInteger("supplysync.it.simulation.sites", 10),
                Integer.getInteger("supplysync.it.simulation.stores", 30),
                Integer.getInteger("supplysync.it.simulation.days", 7),
                Long.getLong("supplysync.it.simulation.seed", 42L), dir, System.out)
                .withTrespassers(Integer.getInteger("supplysync.it.simulation.trespassers", 2))
                .withReinitialisation(Boolean.parseBoolean(System.getProperty("supplysync.it.simulation.reinitialise", "true")))
                .run();
        assertThat(result.broken()).as("invariants broken; %s", result.summary()).isEmpty();
        assertThat(result.problems()).isEmpty();
        assertThat(result.converged()).isTrue();
    }
}
