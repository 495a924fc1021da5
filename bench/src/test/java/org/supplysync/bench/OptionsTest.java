package org.supplysync.bench;

import org.junit.jupiter.api.Test;
import org.supplysync.bench.workload.Mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void theDefaultsAreTheIssuesFullRun() {
        Options options = Options.parse(new String[] {"--admin-password", "pw"});

        assertThat(options.sites()).isEqualTo(100);
        assertThat(options.mixes()).containsExactly(Mix.LOCATIONS, Mix.REALISTIC);
        assertThat(options.centralRecords()).isEqualTo(100_000);
        assertThat(options.centralLogMax()).isEqualTo(1_000_000);
        assertThat(options.memoryPushes()).isEqualTo(64);
        assertThat(options.initialiseRecords()).isEqualTo(100_000);
        assertThat(options.initialiseMix()).isEqualTo(Mix.REALISTIC);
        assertThat(options.transfers()).isEqualTo(1000);
        assertThat(options.transferPairs()).isEqualTo(10);
        assertThat(options.soak()).isFalse();
        assertThat(options.soakSites()).isEqualTo(1000);
    }

    @Test
    void soakIsAFlagAndItsTimesAreMinutesThatMayBeFractions() {
        Options options = Options.parse(new String[] {"--admin-password=pw", "--soak", "--soak-sites", "50",
                "--soak-interval", "0.5", "--soak-minutes=2"});

        assertThat(options.soak()).isTrue();
        assertThat(options.soakSites()).isEqualTo(50);
        assertThat(options.soakIntervalMinutes()).isEqualTo(0.5);
        assertThat(options.soakMinutes()).isEqualTo(2.0);
    }

    @Test
    void mixesAreNamedAndNoneSkipsThem() {
        assertThat(Options.parse(new String[] {"--admin-password=pw", "--mix", "realistic"}).mixes())
                .containsExactly(Mix.REALISTIC);
        assertThat(Options.parse(new String[] {"--admin-password=pw", "--mix", "none"}).mixes()).isEmpty();
        assertThat(Options.parse(new String[] {"--admin-password=pw", "--mix", "reports", "--report-reads", "3"}))
                .extracting(Options::mixes, Options::reportReads).containsExactly(java.util.List.of(Mix.REPORTS), 3);
        assertThatThrownBy(() -> Options.parse(new String[] {"--admin-password=pw", "--mix", "patients"}))
                .isInstanceOf(Options.Usage.class);
    }

    @Test
    void theInitialisationPhaseTakesARecordCountAndAMixAndZeroSkipsIt() {
        Options options = Options.parse(new String[] {"--admin-password=pw", "--initialise-records", "2000",
                "--initialise-mix", "locations"});
        assertThat(options.initialiseRecords()).isEqualTo(2000);
        assertThat(options.initialiseMix()).isEqualTo(Mix.LOCATIONS);
        assertThat(Options.parse(new String[] {"--admin-password=pw", "--initialise-records=0"}).initialiseRecords()).isZero();
        assertThatThrownBy(() -> Options.parse(new String[] {"--admin-password=pw", "--initialise-mix", "none"}))
                .isInstanceOf(Options.Usage.class).hasMessageContaining("--initialise-mix");
    }

    @Test
    void transfersGoBetweenPairsOfSitesAndZeroSkipsThem() {
        assertThat(Options.parse(new String[] {"--admin-password=pw", "--sites", "5"}).transferPairs()).isEqualTo(2);
        assertThat(Options.parse(new String[] {"--admin-password=pw", "--transfers", "0"}).transfers()).isZero();
        assertThatThrownBy(() -> Options.parse(new String[] {"--admin-password=pw", "--sites", "10", "--transfer-pairs", "6"}))
                .isInstanceOf(Options.Usage.class).hasMessageContaining("--transfer-pairs");
    }

    @Test
    void aThousandSitesFitARunButNotMore() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--admin-password=pw", "--sites", "1000"}))
                .isInstanceOf(Options.Usage.class).hasMessageContaining("--initialise-records 0");
        assertThat(Options.parse(new String[] {"--admin-password=pw", "--sites", "1000", "--initialise-records", "0"})
                .sites()).isEqualTo(1000);
        assertThatThrownBy(() -> Options.parse(new String[] {"--admin-password=pw", "--sites", "1001", "--stores", "2000"}))
                .isInstanceOf(Options.Usage.class);
    }
}
