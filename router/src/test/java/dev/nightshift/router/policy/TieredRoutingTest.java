package dev.nightshift.router.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.config.RouterConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled routing tiers, as routing decisions. */
class TieredRoutingTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private final RoutingPolicy policy = RouterConfigLoader.loadDefault(CONFIG).policy(CONFIG);

    private String modelFor(Job job) {
        return ((RouteDecision.Routed) policy.route(job, ProviderView.ALL_HEALTHY))
                .model()
                .toString();
    }

    @Test
    void boilerplateTestGenerationGoesToDeepSeek() {
        assertThat(modelFor(Jobs.job("r", "A.java", TaskType.TESTS, 2_000))).isEqualTo("deepseek/deepseek-chat");
    }

    @Test
    void boilerplateDocumentationGoesToDeepSeek() {
        assertThat(modelFor(Jobs.job("r", "A.java", TaskType.DOCS, 2_000))).isEqualTo("deepseek/deepseek-chat");
    }

    @Test
    void documentationTooBigForTheOthersGoesToGeminiFlash() {
        assertThat(modelFor(Jobs.job("r", "all.md", TaskType.DOCS, 400_000))).isEqualTo("gemini/gemini-1.5-flash");
    }

    @Test
    void aLargeClassGoesToGpt4oMiniForAWholeTestSuite() {
        assertThat(modelFor(Jobs.job("r", "Big.java", TaskType.TESTS, 20_000))).isEqualTo("openai/gpt-4o-mini");
    }

    @Test
    void aBranchyUnitCountsAsHardWorkWhateverItsSize() {
        String branchy = "if (a) { x(); }\n".repeat(70);
        Job job = Jobs.job("r", "Branchy.java", TaskType.TESTS, "java", branchy, 800, 4096);

        RouteDecision decision = policy.route(job, ProviderView.ALL_HEALTHY);

        assertThat(((RouteDecision.Routed) decision).model().toString()).isEqualTo("openai/gpt-4o-mini");
        assertThat(decision.reason()).contains("rule tests-hard");
    }
}
