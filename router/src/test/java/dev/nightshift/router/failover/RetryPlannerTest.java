package dev.nightshift.router.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.router.Attempts;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.ProviderView;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPlannerTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");
    private static final ModelRef QWEN = ModelRef.parse("qwen/qwen2.5-coder");
    private static final ModelRef MINI = ModelRef.parse("openai/gpt-4o-mini");
    private static final ModelRef GPT4O = ModelRef.parse("openai/gpt-4o");
    private static final ModelRef HAIKU = ModelRef.parse("anthropic/claude-3-5-haiku");
    private static final Job JOB = Jobs.job("r", "A.java", TaskType.TESTS, 1_000);

    private static RetryPlanner planner(List<ModelRef> chain, FailoverSettings settings) {
        RoutingPolicy policy = new RoutingPolicy(
                CONFIG, List.of(RouteRule.forTask("t", TaskType.TESTS, chain)), Constraints.DEFAULT, null);
        return new RetryPlanner(policy, settings);
    }

    private static RetryPlan plan(RetryPlanner planner, ModelRef on, int attempt, FailureClass fc, int escalations) {
        LaneRequest request = new LaneRequest(JOB, on, "", attempt);
        return planner.plan(JOB, Attempts.failed(request, fc, Money.ZERO), escalations, ProviderView.ALL_HEALTHY);
    }

    @Test
    void failsOverToTheNextModelWhenTheProviderIsDown() {
        RetryPlan plan = plan(
                planner(List.of(DEEPSEEK, QWEN, MINI), FailoverSettings.DEFAULT),
                DEEPSEEK,
                1,
                FailureClass.OVERLOADED,
                0);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.Next.class, n -> {
            assertThat(n.routed().model()).isEqualTo(QWEN);
            assertThat(n.escalation()).isFalse();
            assertThat(n.routed().reason()).contains("failover");
        });
    }

    @Test
    void aFailoverSkipsOtherModelsOfTheProviderThatFailed() {
        // Given a chain with two OpenAI models in a row, and OpenAI exhausted
        RetryPlan plan = plan(
                planner(List.of(MINI, GPT4O, HAIKU), FailoverSettings.DEFAULT),
                MINI,
                1,
                FailureClass.QUOTA_EXHAUSTED,
                0);

        assertThat(((RetryPlan.Next) plan).routed().model()).isEqualTo(HAIKU);
        assertThat(((RetryPlan.Next) plan).routed().reason()).contains("openai/gpt-4o (openai just failed this job)");
    }

    @Test
    void escalatesInvalidOutputToTheNextStrongerModelEvenOfTheSameProvider() {
        RetryPlan plan =
                plan(planner(List.of(MINI, GPT4O), FailoverSettings.DEFAULT), MINI, 1, FailureClass.INVALID_OUTPUT, 0);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.Next.class, n -> {
            assertThat(n.routed().model()).isEqualTo(GPT4O);
            assertThat(n.escalation()).isTrue();
            assertThat(n.routed().reason()).contains("escalation");
        });
    }

    @Test
    void stopsEscalatingAfterTheConfiguredNumberOfTimes() {
        FailoverSettings once = new FailoverSettings(null, null, 1, 5);

        RetryPlan plan = plan(planner(List.of(DEEPSEEK, QWEN, MINI), once), QWEN, 2, FailureClass.INVALID_OUTPUT, 1);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.GiveUp.class, g -> {
            assertThat(g.failureClass()).isEqualTo(FailureClass.INVALID_OUTPUT);
            assertThat(g.reason()).contains("already escalated 1 times");
        });
    }

    @Test
    void runningOutOfChainEndsTheJobAsFailedWithTheReason() {
        RetryPlan plan =
                plan(planner(List.of(DEEPSEEK, QWEN), FailoverSettings.DEFAULT), QWEN, 2, FailureClass.RATE_LIMITED, 0);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.GiveUp.class, g -> {
            assertThat(g.failureClass()).isEqualTo(FailureClass.RATE_LIMITED);
            assertThat(g.lastModel()).isEqualTo(QWEN);
            assertThat(g.reason())
                    .startsWith("out of chain")
                    .contains("attempt 2 on qwen/qwen2.5-coder failed (RATE_LIMITED)");
        });
    }

    @Test
    void runningOutOfChainIncludesFallbacksThatBreakAHardConstraint() {
        // Given a 130,000-token job: after Qwen (256K) the chain only has GPT-4o mini (128K)
        Job big = Jobs.job("r", "Big.java", TaskType.TESTS, 130_000);
        RetryPlanner planner = planner(List.of(QWEN, MINI), FailoverSettings.DEFAULT);

        RetryPlan plan = planner.plan(
                big,
                Attempts.failed(new LaneRequest(big, QWEN, "", 1), FailureClass.OVERLOADED, Money.ZERO),
                0,
                ProviderView.ALL_HEALTHY);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.GiveUp.class, g -> assertThat(g.reason())
                .contains("openai/gpt-4o-mini (needs")
                .contains("context window 128000"));
    }

    @Test
    void doesNotRetryAFailureAnotherModelCannotFix() {
        RetryPlan plan = plan(
                planner(List.of(DEEPSEEK, QWEN), FailoverSettings.DEFAULT), DEEPSEEK, 1, FailureClass.BAD_REQUEST, 0);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.GiveUp.class, g -> assertThat(g.reason())
                .contains("BAD_REQUEST is not retried on another model"));
    }

    @Test
    void stopsAtTheMostAttemptsAllowed() {
        FailoverSettings two = new FailoverSettings(EnumSet.of(FailureClass.OVERLOADED), null, 2, 2);

        RetryPlan plan = plan(planner(List.of(DEEPSEEK, QWEN, MINI), two), QWEN, 2, FailureClass.OVERLOADED, 0);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.GiveUp.class, g -> assertThat(g.reason())
                .contains("2 attempts is the most allowed"));
    }

    @Test
    void aJobTooLongForOneModelMayMoveToABiggerModelOfTheSameProvider() {
        // CONTEXT_TOO_LONG is the model's limit, not the provider's health
        RetryPlan plan = plan(
                planner(List.of(MINI, GPT4O), FailoverSettings.DEFAULT), MINI, 1, FailureClass.CONTEXT_TOO_LONG, 0);

        assertThat(((RetryPlan.Next) plan).routed().model()).isEqualTo(GPT4O);
    }

    private static RetryPlan planRejected(
            RetryPlanner planner, ModelRef on, int attempt, Verdict verdict, int repairsSoFar, int escalations) {
        LaneRequest request = new LaneRequest(JOB, on, "", attempt);
        return planner.plan(
                JOB,
                Attempts.rejected(request, verdict, "ATest.java:3: error: cannot find symbol"),
                escalations,
                repairsSoFar,
                ProviderView.ALL_HEALTHY);
    }

    @Test
    void aRejectedTestGoesBackToItsModelWithTheTestAndTheDiagnostics() {
        RetryPlan plan = planRejected(
                planner(List.of(DEEPSEEK, HAIKU, MINI), FailoverSettings.DEFAULT),
                DEEPSEEK,
                1,
                Verdict.BUILD_FAILED,
                0,
                0);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.Repair.class, r -> {
            assertThat(r.model()).isEqualTo(DEEPSEEK);
            assertThat(r.repair().round()).isEqualTo(1);
            assertThat(r.repair().previousTest()).isEqualTo("class ATest {}");
            assertThat(r.repair().verdict()).isEqualTo(Verdict.BUILD_FAILED);
            assertThat(r.repair().diagnostics()).contains("ATest.java:3: error");
            assertThat(r.reason()).contains("build-failed").contains("repair round 1 of 2");
        });
    }

    @Test
    void afterItsRepairRoundsARejectedTestEscalatesToTheNextTier() {
        RetryPlan plan = planRejected(
                planner(List.of(DEEPSEEK, HAIKU, MINI), FailoverSettings.DEFAULT), DEEPSEEK, 3, Verdict.FAILED, 2, 0);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.Next.class, n -> {
            assertThat(n.routed().model()).isEqualTo(HAIKU);
            assertThat(n.escalation()).isTrue();
        });
    }

    @Test
    void aTestThatBrokeTheSandboxEscalatesWithoutRepair() {
        RetryPlan plan = planRejected(
                planner(List.of(DEEPSEEK, HAIKU, MINI), FailoverSettings.DEFAULT),
                DEEPSEEK,
                1,
                Verdict.SANDBOX_VIOLATION,
                0,
                0);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.Next.class, n -> assertThat(
                        n.routed().model())
                .isEqualTo(HAIKU));
    }

    @Test
    void afterTheLastTierTheJobFailsWithTheLastVerdictAndDiagnostic() {
        RetryPlan plan = planRejected(
                planner(List.of(DEEPSEEK, HAIKU, MINI), FailoverSettings.DEFAULT), MINI, 9, Verdict.FAILED, 2, 2);

        assertThat(plan).isInstanceOfSatisfying(RetryPlan.GiveUp.class, g -> {
            assertThat(g.failureClass()).isEqualTo(FailureClass.TEST_REJECTED);
            assertThat(g.reason()).contains("failed: ATest.java:3: error: cannot find symbol");
        });
    }
}
