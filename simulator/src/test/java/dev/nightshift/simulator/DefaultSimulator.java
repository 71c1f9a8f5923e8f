package dev.nightshift.simulator;

import dev.nightshift.core.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator on the bundled default configuration for a test class ({@code @RegisterExtension static}):
 * started before the first test, closed after the last, and before each test given no batches, an empty bill and
 * every provider up with no scripted faults, so tests never see each other's scripts.
 */
public final class DefaultSimulator implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private ProviderSimulator simulator;

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = ProviderSimulator.start(SimulatorConfig.from(ConfigLoader.loadDefault(Map.of())));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.clearBatches();
        simulator.clearBill();
        for (String provider : simulator.providers()) {
            simulator.script(provider, s -> s.withFaults(List.of()).withDown(false));
        }
    }

    public ProviderSimulator get() {
        return simulator;
    }
}
