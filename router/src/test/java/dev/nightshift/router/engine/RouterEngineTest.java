package dev.nightshift.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.attempt.FailedAttempt;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.CancelledByBudget;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.event.NotRouted;
import dev.nightshift.core.event.ServedFromCache;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.router.Attempts;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.budget.BudgetLedger;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.budget.ReserveMode;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RoutingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterEngineTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");
    private BudgetLedger budgets = new BudgetLedger(BudgetSettings.UNLIMITED);
    private RouterEngine engine = engine(BudgetSettings.UNLIMITED);

    private RouterEngine engine(BudgetSettings settings) {
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);
        budgets = new BudgetLedger(settings);
        engine = new RouterEngine(
                CONFIG,
                policy,
                new RetryPlanner(policy, FailoverSettings.DEFAULT),
                new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5)),
                budgets,
                OutputExpectation.DEFAULT,
                InstantSource.fixed(NOW));
        return engine;
    }

    private LaneRequest routeToLane(Job job) {
        List<Outbound> out = engine.onJob(job);
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return ((Outbound.ToLane) out.get(0)).request();
    }

    private static <T extends JobEvent> T terminal(List<Outbound> out, Class<T> type) {
        assertThat(out).singleElement().isInstanceOf(Outbound.Terminal.class);
        return type.cast(((Outbound.Terminal) out.get(0)).event());
    }

    private Money worstCase(Job job) {
        return engine.reservation(job, DEEPSEEK);
    }

    @Test
    void sendsARoutableJobToItsLaneAsTheFirstAttempt() {
        Job job = Jobs.job("r1", "src/A.java", TaskType.TESTS, 500);

        LaneRequest request = routeToLane(job);

        assertThat(request.job()).isEqualTo(job);
        assertThat(request.model()).isEqualTo(DEEPSEEK);
        assertThat(request.attempt()).isEqualTo(1);
        assertThat(request.routingReason()).contains("tests-cheap");
    }

    @Test
    void endsAJobNoModelCanTakeAsATerminalFailureThatCostsNothing() {
        Job job = Jobs.job("r1", "src/Huge.java", TaskType.TESTS, 400_000);

        NotRouted result = terminal(engine.onJob(job), NotRouted.class);

        assertThat(result.terminal()).isTrue();
        assertThat(result.why()).isEqualTo(NotRouted.Why.NO_CAPABLE_MODEL);
        assertThat(result.failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG);
        assertThat(result.detail()).contains("deepseek/deepseek-chat").contains("context window");
        assertThat(result.lastModel().provider()).isEqualTo("deepseek");
        assertThat(result.jobId()).isEqualTo(job.jobId());
        assertThat(result.at()).isEqualTo(NOW);
    }

    @Test
    void aJobThatFitsOnlyOnceAttemptsInFlightSettleWaitsAndGoesToItsLaneWhenOneDoes() {
        // Given a run whose budget covers two and a half jobs' worst case, two in flight
        Job first = Jobs.job("r1", "A.java", TaskType.TESTS, 1_000);
        Job second = Jobs.job("r1", "B.java", TaskType.TESTS, 1_000);
        Job third = Jobs.job("r1", "C.java", TaskType.TESTS, 1_000);
        engine.onRunBudget("r1", "acme", worstCase(first).times(new java.math.BigDecimal("2.5")));
        LaneRequest running = routeToLane(first);
        routeToLane(second);

        // When the third job arrives, it waits: nothing is sent, nothing cancelled, and it keeps its place in the
        // window
        assertThat(engine.onJob(third)).isEmpty();
        assertThat(engine.waitingForBudget()).isEqualTo(1);
        assertThat(engine.jobsInFlight()).isEqualTo(3);

        // Then the first result, settling at a fifth of its hold, makes room and the third job goes to its lane
        List<Outbound> out =
                engine.onEvent(Attempts.succeeded(running, worstCase(first).times(new java.math.BigDecimal("0.2"))));
        assertThat(toLane(out).job()).isEqualTo(third);
        assertThat(engine.waitingForBudget()).isZero();
    }

    @Test
    void cancelsTheJobWhatWasSpentLeavesNoRoomForAndStillSendsACheaperJobAfterIt() {
        // Given a budget of one job's worst case plus a small job's, and the first job billed its whole worst case
        Job first = Jobs.job("r1", "A.java", TaskType.TESTS, 1_000);
        Job sameSize = Jobs.job("r1", "B.java", TaskType.TESTS, 1_000);
        Job small = Jobs.job("r1", "C.java", TaskType.TESTS, "java", "class C {}", 100, 256);
        engine.onRunBudget("r1", "acme", worstCase(first).plus(worstCase(small)));
        engine.onEvent(Attempts.succeeded(routeToLane(first), worstCase(first)));

        // When a job of the same size arrives, it is cancelled by budget, terminal, at no cost
        CancelledByBudget result = terminal(engine.onJob(sameSize), CancelledByBudget.class);
        assertThat(result.terminal()).isTrue();
        assertThat(result.detail()).startsWith("run r1 has $0");

        // And the run goes on: a cheaper job that fits beside what was spent is routed
        assertThat(routeToLane(small).model()).isEqualTo(DEEPSEEK);
    }

    @Test
    void aDeadLetteredAttemptLetsGoOfItsHoldSoThatAWaitingJobIsSent() {
        Job first = Jobs.job("r1", "A.java", TaskType.TESTS, 1_000);
        Job second = Jobs.job("r1", "B.java", TaskType.TESTS, 1_000);
        engine.onRunBudget("r1", "acme", worstCase(first));
        LaneRequest lost = routeToLane(first);
        assertThat(engine.onJob(second)).isEmpty();

        List<Outbound> out = engine.onDeadLetter(lost);

        assertThat(toLane(out).job()).isEqualTo(second);
        assertThat(budgets.runHeld("r1")).isEqualTo(worstCase(second));
    }

    @Test
    void aStoppedRunsJobsWaitingForBudgetAreDroppedWithTheRest() {
        Job first = Jobs.job("r1", "A.java", TaskType.TESTS, 1_000);
        Job second = Jobs.job("r1", "B.java", TaskType.TESTS, 1_000);
        engine.onRunBudget("r1", "acme", worstCase(first));
        routeToLane(first);
        engine.onJob(second);

        engine.onRunControl(dev.nightshift.core.run.RunControl.interrupted("r1", 0, NOW, "Ctrl-C"));

        assertThat(engine.waitingForBudget()).isZero();
        assertThat(engine.jobsInFlight()).isZero();
        assertThat(budgets.runHeld("r1")).isEqualTo(Money.ZERO);
    }

    @Test
    void releasesTheDifferenceWhenAResultSettlesSoThatTheNextJobFits() {
        // Given a budget of one and a half jobs' worst case, and one job in flight
        Job first = Jobs.job("r1", "A.java", TaskType.TESTS, 1_000);
        Job second = Jobs.job("r1", "B.java", TaskType.TESTS, 1_000);
        Money worst = worstCase(first);
        engine.onRunBudget("r1", "acme", worst.times(3).times(new java.math.BigDecimal("0.5")));
        LaneRequest running = routeToLane(first);
        assertThat(budgets.runHeld("r1")).isEqualTo(worst);

        // When its result settles at a fifth of what was held
        Money actual = worst.times(new java.math.BigDecimal("0.2"));
        engine.onEvent(Attempts.succeeded(running, actual));

        // Then the hold is released, the actual cost is booked, and the next job is routed
        assertThat(budgets.runHeld("r1")).isEqualTo(Money.ZERO);
        assertThat(budgets.runSpent("r1")).isEqualTo(actual);
        assertThat(routeToLane(second).model()).isEqualTo(DEEPSEEK);
    }

    @Test
    void holdsATenantsDailyBudgetAcrossRuns() {
        Money oneJob = worstCase(Jobs.job("x", "A.java", TaskType.TESTS, 1_000));
        engine(new BudgetSettings(ReserveMode.WORST_CASE, null, null, Map.of("acme", oneJob)));
        LaneRequest runA = routeToLane(Jobs.job("run-a", "A.java", TaskType.TESTS, 1_000));
        Job runB = Jobs.job("run-b", "B.java", TaskType.TESTS, 1_000);
        assertThat(engine.onJob(runB))
                .as("waits while run-a's attempt holds the day's budget")
                .isEmpty();

        CancelledByBudget result = terminal(engine.onEvent(Attempts.succeeded(runA, oneJob)), CancelledByBudget.class);

        assertThat(result.jobId()).isEqualTo(runB.jobId());
        assertThat(result.detail()).startsWith("tenant acme on 2026-11-30");
    }

    @Test
    void failsAJobOverToTheNextModelOfItsChainAsTheNextAttempt() {
        // Given a job on DeepSeek whose attempt failed because DeepSeek is rate-limited beyond the worker's patience
        LaneRequest first = routeToLane(Jobs.job("r1", "A.java", TaskType.TESTS, 1_000));

        // When the failed attempt arrives on nightshift.retry
        List<Outbound> out = engine.onRetry(Attempts.failover(first, FailureClass.RATE_LIMITED, Money.ZERO));

        // Then the job goes to the next model of the chain, on another provider, as attempt 2, with the reason
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        LaneRequest second = ((Outbound.ToLane) out.get(0)).request();
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.model().toString()).isEqualTo("qwen/qwen2.5-coder");
        assertThat(second.routingReason())
                .contains("attempt 1 on deepseek/deepseek-chat failed (RATE_LIMITED)")
                .contains("failover");
    }

    @Test
    void countsEscalationsPerJobAndStopsAtTheConfiguredNumber() {
        // Given a router that escalates invalid output at most once
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);
        engine = new RouterEngine(
                CONFIG,
                policy,
                new RetryPlanner(policy, new FailoverSettings(null, null, 1, 5)),
                new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5)),
                budgets,
                OutputExpectation.DEFAULT,
                InstantSource.fixed(NOW));
        LaneRequest first = routeToLane(Jobs.job("r1", "A.java", TaskType.TESTS, 1_000));

        // When its output fails validation twice
        List<Outbound> afterFirst =
                engine.onRetry(Attempts.failover(first, FailureClass.INVALID_OUTPUT, Money.usd("0.0001")));
        LaneRequest escalated = ((Outbound.ToLane) afterFirst.get(0)).request();
        NotRouted end = terminal(
                engine.onRetry(Attempts.failover(escalated, FailureClass.INVALID_OUTPUT, Money.usd("0.0002"))),
                NotRouted.class);

        // Then it escalated once, to the next model, and then ended as failed with the reason
        assertThat(escalated.model().toString()).isEqualTo("qwen/qwen2.5-coder");
        assertThat(escalated.routingReason()).contains("escalation");
        assertThat(end.why()).isEqualTo(NotRouted.Why.ROUTE_EXHAUSTED);
        assertThat(end.failureClass()).isEqualTo(FailureClass.INVALID_OUTPUT);
        assertThat(end.detail()).contains("already escalated 1 times");
        // and both billed attempts are booked
        assertThat(budgets.runSpent("r1")).isEqualTo(Money.usd("0.0003"));
    }

    @Test
    void handlesARedeliveredFailedAttemptOnlyOnce() {
        LaneRequest first = routeToLane(Jobs.job("r1", "A.java", TaskType.TESTS, 1_000));
        FailedAttempt failed = Attempts.failover(first, FailureClass.OVERLOADED, Money.ZERO);
        engine.onRetry(failed);

        assertThat(engine.onRetry(failed)).isEmpty();
    }

    @Test
    void endsAJobWhoseChainRunsOutAsFailedWithTheReason() {
        // Given a job already on the last model of its chain
        LaneRequest first = routeToLane(Jobs.job("r1", "A.java", TaskType.TESTS, 1_000));
        LaneRequest second = ((Outbound.ToLane)
                        engine.onRetry(Attempts.failover(first, FailureClass.OVERLOADED, Money.ZERO))
                                .get(0))
                .request();
        LaneRequest third = ((Outbound.ToLane)
                        engine.onRetry(Attempts.failover(second, FailureClass.OVERLOADED, Money.ZERO))
                                .get(0))
                .request();
        assertThat(third.model().toString()).isEqualTo("openai/gpt-4o-mini");

        // When that attempt fails too
        NotRouted result = terminal(
                engine.onRetry(Attempts.failover(third, FailureClass.OVERLOADED, Money.ZERO)), NotRouted.class);

        // Then the job ends as failed, its route exhausted, keeping the failure class and saying the chain ran out
        assertThat(result.terminal()).isTrue();
        assertThat(result.why()).isEqualTo(NotRouted.Why.ROUTE_EXHAUSTED);
        assertThat(result.lastModel()).isEqualTo(third.model());
        assertThat(result.failureClass()).isEqualTo(FailureClass.OVERLOADED);
        assertThat(result.detail()).startsWith("out of chain").contains("no model left in the chain");
    }

    @Test
    void aRouterThatRestartedPlansARetryFromTheRecordAloneWithTheEscalationsSoFar() {
        // Given a router that escalates invalid output at most once, which escalated a job once and then restarted
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);
        RetryPlanner oncePerJob = new RetryPlanner(policy, new FailoverSettings(null, null, 1, 5));
        engine = new RouterEngine(
                CONFIG,
                policy,
                oncePerJob,
                new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5)),
                budgets,
                OutputExpectation.DEFAULT,
                InstantSource.fixed(NOW));
        LaneRequest first = routeToLane(Jobs.job("r1", "A.java", TaskType.TESTS, 1_000));
        LaneRequest escalated =
                toLane(engine.onRetry(Attempts.failover(first, FailureClass.INVALID_OUTPUT, Money.ZERO)));
        RouterEngine restarted = new RouterEngine(
                CONFIG,
                policy,
                oncePerJob,
                new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5)),
                new BudgetLedger(BudgetSettings.UNLIMITED),
                OutputExpectation.DEFAULT,
                InstantSource.fixed(NOW));

        // When a provider failure of the escalated attempt reaches the new router
        LaneRequest failedOver =
                toLane(restarted.onRetry(Attempts.failover(escalated, FailureClass.OVERLOADED, Money.ZERO)));
        // and then that model's output fails too
        NotRouted end = terminal(
                restarted.onRetry(Attempts.failover(failedOver, FailureClass.INVALID_OUTPUT, Money.ZERO)),
                NotRouted.class);

        // Then the job failed over from the record alone, and the escalation it already had still counts
        assertThat(failedOver.attempt()).isEqualTo(3);
        assertThat(failedOver.job()).isEqualTo(first.job());
        assertThat(failedOver.position().escalations()).isEqualTo(1);
        assertThat(end.detail()).contains("already escalated 1 times");
    }

    @Test
    void cancelsAFailoverTheBudgetCannotCoverAndBooksTheFailedAttempt() {
        Job job = Jobs.job("r1", "A.java", TaskType.TESTS, 1_000);
        engine.onRunBudget("r1", "acme", worstCase(job));
        LaneRequest first = routeToLane(job);
        Money billed = Money.usd("0.0001");

        CancelledByBudget result = terminal(
                engine.onRetry(Attempts.failover(first, FailureClass.OVERLOADED, billed)), CancelledByBudget.class);

        assertThat(result.jobId()).isEqualTo(job.jobId());
        assertThat(budgets.runSpent("r1")).isEqualTo(billed);
    }

    @Test
    void forgetsAJobOnceItsTerminalResultArrives() {
        LaneRequest request = routeToLane(Jobs.job("r1", "A.java", TaskType.TESTS, 1_000));

        engine.onEvent(Attempts.succeeded(request, Money.usd("0.001")));

        assertThat(engine.jobsInFlight()).isZero();
    }

    @Test
    void repairsARejectedTestTwiceOnItsModelThenEscalatesWithANewRepairCount() {
        Job job = Jobs.job("r1", "src/A.java", TaskType.TESTS, 500);
        LaneRequest first = routeToLane(job);

        LaneRequest repair1 =
                toLane(engine.onRetry(Attempts.rejection(first, Verdict.BUILD_FAILED, "A.java:1: error")));
        LaneRequest repair2 =
                toLane(engine.onRetry(Attempts.rejection(repair1, Verdict.FAILED, "expected 2 but was 3")));
        LaneRequest escalated =
                toLane(engine.onRetry(Attempts.rejection(repair2, Verdict.FAILED, "expected 2 but was 3")));
        LaneRequest repairOnNextModel =
                toLane(engine.onRetry(Attempts.rejection(escalated, Verdict.FLAKY, "passed 1 of 3 runs")));

        assertThat(List.of(repair1, repair2))
                .allSatisfy(r -> assertThat(r.model()).isEqualTo(DEEPSEEK));
        assertThat(repair1.repair().round()).isEqualTo(1);
        assertThat(repair1.repair().diagnostics()).isEqualTo("A.java:1: error");
        assertThat(repair2.repair().round()).isEqualTo(2);
        assertThat(escalated.model()).isNotEqualTo(DEEPSEEK);
        assertThat(escalated.repair()).isNull();
        assertThat(escalated.attempt()).isEqualTo(4);
        assertThat(repairOnNextModel.model()).isEqualTo(escalated.model());
        assertThat(repairOnNextModel.repair().round()).isEqualTo(1);
        assertThat(repairOnNextModel.repair().verdict()).isEqualTo(Verdict.FLAKY);
    }

    @Test
    void aJobOfWorkAnotherRunIsDoingWaitsAndIsAnsweredWithItsArtifactAtNoCost() {
        // Given the same file of the same repository in two runs, the first one's job on its way
        LaneRequest first = routeToLane(Jobs.job("run-a", "src/Same.java", TaskType.DOCS, 1_000));
        Job second = Jobs.job("run-b", "src/Same.java", TaskType.DOCS, 1_000);

        // When the second run's job arrives, it waits: nothing is sent
        assertThat(engine.onJob(second)).isEmpty();
        assertThat(engine.jobsInFlight()).isEqualTo(2);

        // Then the first job's answer answers it too, served like a cache hit, with the same document
        ServedFromCache answered =
                terminal(engine.onEvent(Attempts.succeeded(first, Money.usd("0.001"))), ServedFromCache.class);
        assertThat(answered.jobId()).isEqualTo(second.jobId());
        assertThat(answered.runId()).isEqualTo("run-b");
        assertThat(answered.artifact()).isEqualTo("# doc");
        assertThat(answered.answeredBy()).isEqualTo(JobRef.of(first.job()));
        assertThat(answered.source()).contains("run-a");
    }

    @Test
    void whenTheJobDoingTheWorkFailsTheFirstJobWaitingForItDoesTheWorkAndTheNextWaitsForThat() {
        LaneRequest first = routeToLane(Jobs.job("run-a", "src/Same.java", TaskType.DOCS, 1_000));
        Job second = Jobs.job("run-b", "src/Same.java", TaskType.DOCS, 1_000);
        Job third = Jobs.job("run-c", "src/Same.java", TaskType.DOCS, 1_000);
        engine.onJob(second);
        engine.onJob(third);

        List<Outbound> out = engine.onEvent(failedForGood(first));

        assertThat(toLane(out).job()).isEqualTo(second);
        assertThat(engine.onEvent(Attempts.succeeded(((Outbound.ToLane) out.get(0)).request(), Money.usd("0.001"))))
                .singleElement()
                .satisfies(
                        o -> assertThat(((Outbound.Terminal) o).event().jobId()).isEqualTo(third.jobId()));
    }

    @Test
    void whenTheRunDoingTheWorkIsStoppedTheJobWaitingForItIsSent() {
        routeToLane(Jobs.job("run-a", "src/Same.java", TaskType.DOCS, 1_000));
        Job second = Jobs.job("run-b", "src/Same.java", TaskType.DOCS, 1_000);
        engine.onJob(second);

        List<Outbound> out =
                engine.onRunControl(dev.nightshift.core.run.RunControl.interrupted("run-a", 0, NOW, "Ctrl-C"));

        assertThat(toLane(out).job()).isEqualTo(second);
    }

    /** A job's last attempt failed: the terminal result the router sees. */
    private static AttemptResult failedForGood(LaneRequest request) {
        AttemptResult failed = Attempts.failed(request, FailureClass.BAD_REQUEST, Money.ZERO);
        return new AttemptResult(
                failed.job(),
                failed.attempt(),
                failed.provider(),
                failed.model(),
                failed.routingReason(),
                failed.outcome(),
                failed.failureClass(),
                failed.failureReason(),
                failed.usage(),
                failed.cost(),
                failed.priceTableVersion(),
                failed.latencyMs(),
                failed.startedAt(),
                failed.finishedAt(),
                failed.finishReason(),
                null,
                true);
    }

    private static LaneRequest toLane(List<Outbound> out) {
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return ((Outbound.ToLane) out.get(0)).request();
    }
}
