package dev.nightshift.testkit;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.billing.BillEntry;
import dev.nightshift.simulator.billing.BillingLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;

/**
 * The provider simulator for a test: starts it for a nightshift config, gives that config back with every
 * provider's {@code baseUrl} pointing at it, and fake keys the simulator accepts. Close it when done.
 * <pre>
 * try (SimulatorFixture sim = SimulatorFixture.start(config)) {
 *     new WorkerVerticle(sim.config(), bootstrap, sim.keys());
 *     …
 *     assertThat(ledgerTotal).isEqualTo(sim.billTotal());
 * }
 * </pre>
 */
public final class SimulatorFixture implements AutoCloseable {
    /** Recognisable, so a test can search logs and records for it and prove it never leaks. */
    public static final String FAKE_KEY = "sk-nightshift-FAKE-KEY-do-not-log-0123456789";

    private final ProviderSimulator simulator;
    private final NightshiftConfig config;

    private SimulatorFixture(ProviderSimulator simulator, NightshiftConfig config) {
        this.simulator = simulator;
        this.config = config;
    }

    public static SimulatorFixture start(NightshiftConfig config) {
        return start(config, c -> c);
    }

    /** With changes to the simulator's settings, e.g. {@code c -> c.withProvider("deepseek", p -> p.withDown(true))}. */
    public static SimulatorFixture start(NightshiftConfig config, UnaryOperator<SimulatorConfig> script) {
        ProviderSimulator simulator = ProviderSimulator.start(script.apply(SimulatorConfig.from(config)));
        return new SimulatorFixture(simulator, pointedAt(config, simulator));
    }

    /**
     * {@code config} without rate limits on any provider account: for end-to-end tests of what a run produces and
     * costs, which the workers' quotas would otherwise stretch to minutes.
     */
    public static NightshiftConfig unlimited(NightshiftConfig config) {
        Map<String, ProviderConfig> providers = new HashMap<>();
        config.providers()
                .forEach((id, p) -> providers.put(
                        id,
                        new ProviderConfig(
                                p.protocol(),
                                p.baseUrl(),
                                p.apiKeyEnv(),
                                p.apiKeyFile(),
                                Limits.UNLIMITED,
                                p.models(),
                                p.batch())));
        return config.withProviders(providers);
    }

    /** {@code config} with every provider's {@code baseUrl} replaced by the simulator's URL for it. */
    public static NightshiftConfig pointedAt(NightshiftConfig config, ProviderSimulator simulator) {
        Map<String, ProviderConfig> providers = new HashMap<>();
        config.providers()
                .forEach((id, p) -> providers.put(
                        id,
                        new ProviderConfig(
                                p.protocol(),
                                simulator.baseUrlFor(id),
                                p.apiKeyEnv(),
                                p.apiKeyFile(),
                                p.limits(),
                                p.models(),
                                p.batch())));
        return config.withProviders(providers);
    }

    public ProviderSimulator simulator() {
        return simulator;
    }

    /** The nightshift config pointing at the simulator. */
    public NightshiftConfig config() {
        return config;
    }

    /** One fake key per configured provider. */
    public Map<String, ApiKey> keys() {
        Map<String, ApiKey> keys = new HashMap<>();
        config.providers().keySet().forEach(id -> keys.put(id, ApiKey.of(FAKE_KEY)));
        return keys;
    }

    public List<BillEntry> bill() {
        return simulator.bill();
    }

    /** What the simulated providers charged in total: compare it with the ledger. */
    public Money billTotal() {
        return BillingLog.total(simulator.bill());
    }

    /**
     * The bill once it has stood still for {@code quiet}: calls a killed client made are billed when the simulator
     * finishes them, so a bill read at once may still grow. {@code quiet} must be longer than the slowest call.
     */
    public Money settledBill(Duration quiet) {
        Money[] last = {billTotal()};
        long[] since = {System.nanoTime()};
        Awaitility.await("the bill stands still for " + quiet)
                .atMost(quiet.multipliedBy(12))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Money now = billTotal();
                    if (!now.equals(last[0])) {
                        last[0] = now;
                        since[0] = System.nanoTime();
                    }
                    return System.nanoTime() - since[0] >= quiet.toNanos();
                });
        return last[0];
    }

    @Override
    public void close() {
        simulator.close();
    }
}
