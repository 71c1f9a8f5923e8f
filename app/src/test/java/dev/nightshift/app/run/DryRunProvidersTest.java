package dev.nightshift.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.SimulatorConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dry run's providers: the simulator's, without the accounts' limits, and quick to submit a batch. */
class DryRunProvidersTest {
    @Test
    void everyProviderPointsAtTheSimulatorUnlimitedAndSubmitsBatchesAfterSecondsKeepingItsBatchPrice() {
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        try (ProviderSimulator simulator = ProviderSimulator.start(SimulatorConfig.from(config))) {
            NightshiftConfig dry = LocalPipeline.redirectTo(simulator, config);

            dry.providers().forEach((id, p) -> {
                assertThat(p.baseUrl()).isEqualTo(simulator.baseUrlFor(id));
                assertThat(p.limits()).isEqualTo(Limits.UNLIMITED);
                assertThat(p.batch().enabled())
                        .isEqualTo(config.provider(id).batch().enabled());
                assertThat(p.batch().priceFactor())
                        .isEqualTo(config.provider(id).batch().priceFactor());
                assertThat(p.batch().maxWait().toSeconds()).isEqualTo(LocalPipeline.DRY_RUN_BATCH_WAIT_SECONDS);
            });
        }
    }
}
