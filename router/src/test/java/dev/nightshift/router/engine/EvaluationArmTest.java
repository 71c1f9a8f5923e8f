package dev.nightshift.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.NotRouted;
import dev.nightshift.core.job.ContentKeys;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.router.Attempts;
import dev.nightshift.router.budget.BudgetLedger;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RoutingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run that is one arm of a model evaluation: its model alone, repaired but never escalated, never cached. */
class EvaluationArmTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");
    private static final ModelRef HAIKU = ModelRef.parse("anthropic/claude-3-5-haiku");

    private final Set<String> cached = new HashSet<>();
    private final RouterEngine engine = engine();

    private RouterEngine engine() {
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);
        return new RouterEngine(
                CONFIG,
                policy,
                new RetryPlanner(policy, FailoverSettings.DEFAULT),
                new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5)),
                new BudgetLedger(BudgetSettings.UNLIMITED),
                OutputExpectation.DEFAULT,
                InstantSource.fixed(NOW),
                RouterEvents.NONE,
                cached::contains);
    }

    private Job job(String runId) {
        String content = "class Cart { int total() { return 1; } }";
        String hash = JobIds.contentHash(content);
        Job job = new Job(
                JobIds.jobId("/repo/shop", "c1", TaskType.TESTS, "src/Cart.java", hash, "1"),
                runId,
                "acme",
                "/repo/shop",
                "c1",
                TaskType.TESTS,
                "src/Cart.java",
                "java",
                hash,
                "1",
                content,
                800,
                4096,
                true);
        return job;
    }

    @Test
    void sendsAnArmsJobToItsModelEvenWhenTheRulesAndTheCacheWouldAnswerOtherwise() {
        cached.add(ContentKeys.entry(job("r-earlier")));
        engine.onEvaluationArm("r-arm", HAIKU);

        LaneRequest sent = toLane(engine.onJob(job("r-arm")));

        // The core rules start tests at DeepSeek; the cache holds this very unit.
        assertThat(sent.model()).isEqualTo(HAIKU);
        assertThat(sent.routingReason()).startsWith("evaluation arm: ").contains(HAIKU.toString());
    }

    @Test
    void repairsARejectedTestOnTheArmsModelThenEndsTheJobInsteadOfEscalating() {
        engine.onEvaluationArm("r-arm2", HAIKU);
        LaneRequest first = toLane(engine.onJob(job("r-arm2")));

        LaneRequest repair1 =
                toLane(engine.onRetry(Attempts.rejection(first, Verdict.BUILD_FAILED, "Cart.java:1: error")));
        LaneRequest repair2 =
                toLane(engine.onRetry(Attempts.rejection(repair1, Verdict.FAILED, "expected 2 but was 1")));
        List<Outbound> afterRepairs =
                engine.onRetry(Attempts.rejection(repair2, Verdict.FAILED, "expected 2 but was 1"));

        assertThat(List.of(repair1, repair2))
                .allSatisfy(r -> assertThat(r.model()).isEqualTo(HAIKU));
        assertThat(afterRepairs).singleElement().isInstanceOf(Outbound.Terminal.class);
        NotRouted end = (NotRouted) ((Outbound.Terminal) afterRepairs.get(0)).event();
        assertThat(end.why()).isEqualTo(NotRouted.Why.ROUTE_EXHAUSTED);
        assertThat(end.terminal()).isTrue();
        assertThat(end.detail()).contains("out of chain");
    }

    @Test
    void leavesOtherRunsToTheRules() {
        engine.onEvaluationArm("r-arm3", HAIKU);

        LaneRequest sent = toLane(engine.onJob(job("r-ordinary")));

        assertThat(sent.model()).isEqualTo(ModelRef.parse("deepseek/deepseek-chat"));
    }

    private static LaneRequest toLane(List<Outbound> out) {
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return ((Outbound.ToLane) out.get(0)).request();
    }
}
