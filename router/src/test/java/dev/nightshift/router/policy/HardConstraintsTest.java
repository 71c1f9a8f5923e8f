package dev.nightshift.router.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.health.HealthBoard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardConstraintsTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");

    @Test
    void computesTheWorstCaseAsInputWithMarginPlusTheWholeOutputBudget() {
        HardConstraints constraints = new HardConstraints(Constraints.DEFAULT);
        Job job = Jobs.job("r", "A.java", TaskType.TESTS, 10_000);

        Money worst = constraints.worstCaseCost(job, CONFIG.model(DEEPSEEK));

        // (10,000 + 1,000 + 512) × $0.14/M + 4,096 × $0.42/M
        assertThat(worst).isEqualTo(Money.usd("0.00161168").plus(Money.usd("0.00172032")));
    }

    @Test
    void skipsAModelWhoseWorstCaseCostExceedsThePerJobCeiling() {
        // Given a ceiling of one cent per job and a job whose worst case on DeepSeek is about 3.3 cents
        HardConstraints constraints = new HardConstraints(new Constraints(10, 512, Money.usd("0.01")));
        Job job = Jobs.job("r", "A.java", TaskType.TESTS, 100_000);

        Optional<HardConstraints.Violation> v =
                constraints.check(job, DEEPSEEK, CONFIG.model(DEEPSEEK), ProviderView.ALL_HEALTHY);

        assertThat(v).get().extracting(HardConstraints.Violation::kind).isEqualTo(HardConstraints.Kind.COST_CEILING);
        assertThat(v.get().reason()).contains("exceeds the per-job ceiling $0.01");
    }

    @Test
    void acceptsAJobUnderTheCeiling() {
        HardConstraints constraints = new HardConstraints(new Constraints(10, 512, Money.usd("0.01")));
        Job job = Jobs.job("r", "A.java", TaskType.TESTS, 1_000);

        assertThat(constraints.check(job, DEEPSEEK, CONFIG.model(DEEPSEEK), ProviderView.ALL_HEALTHY))
                .isEmpty();
    }

    @Test
    void skipsAModelWhoseProviderCircuitIsOpen() {
        HealthBoard health = new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5));
        health.report(new ProviderHealth("deepseek", ProviderHealth.Circuit.OPEN, 60, 0, 1000, null, NOW));
        HardConstraints constraints = new HardConstraints(Constraints.DEFAULT);
        Job job = Jobs.job("r", "A.java", TaskType.TESTS, 1_000);

        Optional<HardConstraints.Violation> v = constraints.check(job, DEEPSEEK, CONFIG.model(DEEPSEEK), health);

        assertThat(v).get().extracting(HardConstraints.Violation::kind).isEqualTo(HardConstraints.Kind.CIRCUIT_OPEN);
    }

    @Test
    void aHalfOpenCircuitStillTakesJobsSoThatProbesCanCloseIt() {
        HealthBoard health = new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5));
        health.report(new ProviderHealth("deepseek", ProviderHealth.Circuit.HALF_OPEN, 60, 0, 1000, null, NOW));

        assertThat(new HardConstraints(Constraints.DEFAULT)
                        .check(
                                Jobs.job("r", "A.java", TaskType.TESTS, 1_000),
                                DEEPSEEK,
                                CONFIG.model(DEEPSEEK),
                                health))
                .isEmpty();
    }

    @Test
    void aModelWithoutAPriceNeverGetsAsFarAsRoutingBecauseTheConfigIsRefusedAtStartUp(@TempDir Path dir)
            throws Exception {
        // The "has a price" constraint holds by construction: core refuses an unpriced model when loading config.
        Path file = dir.resolve("nightshift.yaml");
        Files.writeString(file, """
                providers:
                  deepseek:
                    models:
                      free-lunch: {contextWindow: 8000}
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("price is required");
    }

    @Test
    void aChainWhoseModelsAreAllSkippedForCostIsABadRequestNotAContextFailure() {
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, new Constraints(10, 512, Money.usd("0.000001")));

        RouteDecision decision = policy.route(Jobs.job("r", "A.java", TaskType.TESTS, 1_000), ProviderView.ALL_HEALTHY);

        assertThat(decision).isInstanceOfSatisfying(RouteDecision.Unroutable.class, no -> assertThat(
                        no.failureClass().name())
                .isEqualTo("BAD_REQUEST"));
    }
}
