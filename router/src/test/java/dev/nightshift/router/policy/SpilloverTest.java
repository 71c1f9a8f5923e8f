package dev.nightshift.router.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.health.HealthBoard;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpilloverTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");
    private static final ModelRef QWEN = ModelRef.parse("qwen/qwen2.5-coder");
    private static final ModelRef GPT4O = ModelRef.parse("openai/gpt-4o");
    private static final Job JOB = Jobs.job("r", "A.java", TaskType.TESTS, 2_000);

    private final HealthBoard health = new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5));

    private RoutingPolicy policy(List<ModelRef> chain, String maxPriceRatio) {
        return new RoutingPolicy(
                CONFIG,
                List.of(RouteRule.forTask("t", TaskType.TESTS, chain)),
                Constraints.DEFAULT,
                new Spillover(Duration.ofMinutes(30), new BigDecimal(maxPriceRatio)));
    }

    private void lane(String provider, long backlog, int rpm) {
        health.report(new ProviderHealth(provider, ProviderHealth.Circuit.CLOSED, rpm, backlog, 2000, null, NOW));
    }

    @Test
    void spillsToAnAffordableFallbackWhenTheFirstChoiceCannotClearItsLaneInTime() {
        // Given DeepSeek's lane holds 6,000 jobs at 60 requests/min (100 minutes) and Qwen's is empty
        lane("deepseek", 6_000, 60);
        lane("qwen", 0, 600);

        // When a job is routed
        RouteDecision decision = policy(List.of(DEEPSEEK, QWEN), "4").route(JOB, health);

        // Then it goes to Qwen, and the reason says why
        assertThat(((RouteDecision.Routed) decision).model()).isEqualTo(QWEN);
        assertThat(decision.reason()).contains("spill-over").contains("PT1H40M");
    }

    @Test
    void staysWithTheFirstChoiceWhenItsLaneClearsInTime() {
        lane("deepseek", 600, 60);
        lane("qwen", 0, 600);

        RouteDecision decision = policy(List.of(DEEPSEEK, QWEN), "4").route(JOB, health);

        assertThat(((RouteDecision.Routed) decision).model()).isEqualTo(DEEPSEEK);
    }

    @Test
    void doesNotSpillToAFallbackPricedBeyondTheAcceptableRatio() {
        // GPT-4o costs far more than 4× DeepSeek
        lane("deepseek", 6_000, 60);
        lane("openai", 0, 500);

        RouteDecision decision = policy(List.of(DEEPSEEK, GPT4O), "4").route(JOB, health);

        assertThat(((RouteDecision.Routed) decision).model()).isEqualTo(DEEPSEEK);
    }

    @Test
    void doesNotSpillToAFallbackWhoseCapacityIsUnknown() {
        lane("deepseek", 6_000, 60);

        RouteDecision decision = policy(List.of(DEEPSEEK, QWEN), "4").route(JOB, health);

        assertThat(((RouteDecision.Routed) decision).model()).isEqualTo(DEEPSEEK);
    }

    @Test
    void countsJobsSentSinceTheLastHealthReportAsBacklog() {
        // Given DeepSeek reported an empty lane, but the router has since sent it 1,900 jobs (> 30 min at 60 rpm)
        lane("deepseek", 0, 60);
        lane("qwen", 0, 600);
        for (int i = 0; i < 1_900; i++) {
            health.sent("deepseek");
        }

        RouteDecision decision = policy(List.of(DEEPSEEK, QWEN), "4").route(JOB, health);

        assertThat(((RouteDecision.Routed) decision).model()).isEqualTo(QWEN);
    }
}
