package dev.nightshift.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.routing.PassPrior;
import dev.nightshift.router.learning.CheapestPerPass;
import dev.nightshift.router.learning.LearningSettings;
import dev.nightshift.router.learning.RoutingStrategy;
import dev.nightshift.router.policy.FixedTiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code router.strategy} and {@code router.learning}: defaults, a user's file, and what is refused. */
class LearningConfigTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("router.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void theBundledConfigRoutesByFixedTiersWithTheDocumentedLearningDefaults() {
        RouterConfig config = RouterConfigLoader.loadDefault(CONFIG);

        assertThat(config.strategy()).isEqualTo(RoutingStrategy.FIXED_TIERS);
        assertThat(config.learning()).isEqualTo(LearningSettings.DEFAULT);
        assertThat(config.learning())
                .isEqualTo(new LearningSettings(0.5, 0.05, 20, Duration.ofDays(14), new PassPrior(0.5, 2), 3));
        assertThat(config.policy(CONFIG).starts()).isSameAs(FixedTiers.INSTANCE);
    }

    @Test
    void aUsersFileTurnsOnCheapestPerPassAndOverridesSomeSettings() throws Exception {
        RouterConfig config = RouterConfigLoader.load(file("""
                router:
                  strategy: cheapest-per-pass
                  learning:
                    minPassRate: 0.6
                    minEvidence: 40
                    halfLife: P7D
                    prior: {weight: 4}
                """), CONFIG);

        assertThat(config.strategy()).isEqualTo(RoutingStrategy.CHEAPEST_PER_PASS);
        assertThat(config.learning())
                .isEqualTo(new LearningSettings(0.6, 0.05, 40, Duration.ofDays(7), new PassPrior(0.5, 4), 3));
        assertThat(config.policy(CONFIG).starts()).isInstanceOf(CheapestPerPass.class);
    }

    @Test
    void theStrategyCanBeSetInCode() {
        RouterConfig config = RouterConfigLoader.loadDefault(CONFIG)
                .withStrategy(RoutingStrategy.CHEAPEST_PER_PASS)
                .withLearning(LearningSettings.DEFAULT.withExplorationShare(0));

        assertThat(config.strategy()).isEqualTo(RoutingStrategy.CHEAPEST_PER_PASS);
        assertThat(config.learning().explorationShare()).isZero();
        assertThat(config.rules())
                .isEqualTo(RouterConfigLoader.loadDefault(CONFIG).rules());
    }

    @Test
    void anUnknownStrategyOrAnImpossibleSettingIsRefusedNamingTheKey() throws Exception {
        assertThatThrownBy(() -> RouterConfigLoader.load(file("router: {strategy: cheapest}\n"), CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "router.strategy 'cheapest' is not known; use one of: fixed-tiers, cheapest-per-pass");
        assertThatThrownBy(() -> RouterConfigLoader.load(file("router: {learning: {minPassRate: 1.5}}\n"), CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("learning.minPassRate must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> RouterConfigLoader.load(file("router: {learning: {prior: {passRate: -1}}}\n"), CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("learning.prior.passRate must be between 0 and 1");
        assertThatThrownBy(() -> RouterConfigLoader.load(file("router: {learning: {minEvidnce: 3}}\n"), CONFIG))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'router.learning.minEvidnce'");
    }
}
