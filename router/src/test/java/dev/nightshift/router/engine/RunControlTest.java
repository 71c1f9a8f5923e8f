package dev.nightshift.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunControl;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Interrupted, resumed and cancelled runs in the router: which jobs are routed, and what a stop lets go of. */
class RunControlTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    // the day Attempts' results finish, so a late answer is booked on the day its hold was taken
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    private final BudgetLedger budgets =
            new BudgetLedger(new BudgetSettings(ReserveMode.WORST_CASE, null, Money.usd("100.00"), Map.of()));
    private final RouterEngine engine = engine();

    private RouterEngine engine() {
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);
        return new RouterEngine(
                CONFIG,
                policy,
                new RetryPlanner(policy, FailoverSettings.DEFAULT),
                new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5)),
                budgets,
                OutputExpectation.DEFAULT,
                InstantSource.fixed(NOW));
    }

    private Job job(String runId, String unitPath) {
        Job job = Jobs.job(runId, unitPath, TaskType.TESTS, 500);
        return job;
    }

    private static Outbound.ToLane toLane(List<Outbound> out) {
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return (Outbound.ToLane) out.get(0);
    }

    @Test
    void aJobOfAnInterruptedRunIsNotRouted() {
        engine.onRunControl(RunControl.interrupted("r-int", 0, NOW, "Ctrl-C"));

        List<Outbound> out = engine.onJob(job("r-int", "src/A.java"), 0);

        assertThat(out).isEmpty();
        assertThat(engine.jobsInFlight()).isZero();
        assertThat(budgets.runHeld("r-int")).isEqualTo(Money.ZERO);
        assertThat(toLane(engine.onJob(job("r-other", "src/A.java"), 0))
                        .request()
                        .job()
                        .runId())
                .as("another run is routed as usual")
                .isEqualTo("r-other");
    }

    @Test
    void aJobOfACancelledRunIsNotRoutedWhateverItsGeneration() {
        engine.onRunControl(RunControl.cancelled("r-can", 1, NOW, "nightshift cancel"));

        assertThat(engine.onJob(job("r-can", "src/A.java"), 0)).isEmpty();
        assertThat(engine.onJob(job("r-can", "src/B.java"), 2)).isEmpty();
    }

    @Test
    void aJobOfTheResumedGenerationIsRoutedBeforeTheRouterHasSeenTheResume() {
        engine.onRunControl(RunControl.interrupted("r-res", 0, NOW, "Ctrl-C"));

        Outbound.ToLane sent = toLane(engine.onJob(job("r-res", "src/A.java"), 1));

        assertThat(sent.generation()).isEqualTo(1);
        assertThat(sent.request().attempt()).isEqualTo(1);
        assertThat(engine.jobsInFlight()).isEqualTo(1);
    }

    @Test
    void afterAResumeTheNewGenerationIsRoutedAndTheOldOneStaysStopped() {
        engine.onRunControl(RunControl.interrupted("r-res2", 0, NOW, "Ctrl-C"));
        engine.onRunControl(RunControl.resumed("r-res2", 1, NOW.plusSeconds(60)));

        assertThat(engine.onJob(job("r-res2", "src/Old.java"), 0))
                .as("still queued from before the stop")
                .isEmpty();
        assertThat(toLane(engine.onJob(job("r-res2", "src/New.java"), 1)).generation())
                .isEqualTo(1);
    }

    @Test
    void aJobOfARunWithNoControlIsRoutedWithGenerationZero() {
        Outbound.ToLane sent = toLane(engine.onJob(job("r-plain", "src/A.java")));

        assertThat(sent.generation()).isZero();
    }

    @Test
    void aStopFreesTheDispatchWindowAndTheRunsBudgetHolds() {
        Job a = job("r-stop", "src/A.java");
        Job b = job("r-stop", "src/B.java");
        engine.onJob(a, 0);
        engine.onJob(b, 0);
        LaneRequest other = toLane(engine.onJob(job("r-keep", "src/C.java"), 0)).request();
        Money held = budgets.runHeld("r-stop");
        assertThat(engine.jobsInFlight()).isEqualTo(3);
        assertThat(held).isGreaterThan(Money.ZERO);
        Money tenantHeld = budgets.tenantHeld("acme", TODAY);

        engine.onRunControl(RunControl.interrupted("r-stop", 0, NOW, "Ctrl-C"));

        assertThat(engine.jobsInFlight()).as("only the other run's job").isEqualTo(1);
        assertThat(budgets.runHeld("r-stop")).isEqualTo(Money.ZERO);
        assertThat(budgets.tenantHeld("acme", TODAY)).isEqualTo(tenantHeld.minus(held));
        assertThat(budgets.runHeld("r-keep")).as("another run's hold stays").isGreaterThan(Money.ZERO);
        assertThat(other.job().runId()).isEqualTo("r-keep");
    }

    @Test
    void aCallUnderWayWhenTheRunStoppedIsStillBookedWhenItAnswers() {
        LaneRequest running =
                toLane(engine.onJob(job("r-late", "src/A.java"), 0)).request();
        engine.onRunControl(RunControl.cancelled("r-late", 0, NOW, "nightshift cancel"));

        engine.onEvent(Attempts.succeeded(running, Money.usd("0.002")));

        assertThat(budgets.runSpent("r-late")).isEqualTo(Money.usd("0.002"));
        assertThat(budgets.runHeld("r-late")).isEqualTo(Money.ZERO);
        assertThat(budgets.tenantSpent("acme", TODAY)).isEqualTo(Money.usd("0.002"));
        assertThat(budgets.tenantHeld("acme", TODAY)).isEqualTo(Money.ZERO);
    }

    @Test
    void aResumeFreesNothingAndTheResumedJobsHoldTheirPlaces() {
        engine.onJob(job("r-go", "src/A.java"), 1);
        Money held = budgets.runHeld("r-go");

        engine.onRunControl(RunControl.resumed("r-go", 1, NOW));

        assertThat(engine.jobsInFlight()).isEqualTo(1);
        assertThat(budgets.runHeld("r-go")).isEqualTo(held).isGreaterThan(Money.ZERO);
    }

    @Test
    void anInterruptionLeavesTheJobsOfANewerGenerationRouted() {
        engine.onJob(job("r-gen", "src/A.java"), 2);

        engine.onRunControl(RunControl.interrupted("r-gen", 1, NOW, "an interruption that raced the resume"));

        assertThat(engine.jobsInFlight()).isEqualTo(1);
    }

    @Test
    void aFailedAttemptOfAStoppedRunIsNotSentAgain() {
        LaneRequest first =
                toLane(engine.onJob(job("r-retry", "src/A.java"), 0)).request();
        engine.onRunControl(RunControl.interrupted("r-retry", 0, NOW, "Ctrl-C"));

        List<Outbound> out = engine.onRetry(Attempts.failover(first, FailureClass.RATE_LIMITED, Money.usd("0.001")));

        assertThat(out)
                .as("neither a next attempt nor an end: a resume plans the job again")
                .isEmpty();
        assertThat(engine.jobsInFlight()).isZero();
        assertThat(budgets.runSpent("r-retry"))
                .as("the failed attempt is still booked")
                .isEqualTo(Money.usd("0.001"));
        assertThat(budgets.runHeld("r-retry")).isEqualTo(Money.ZERO);
    }

    @Test
    void aStopReadTwiceIsHarmlessAndACancelledRunsFailedAttemptIsNotSentAgain() {
        LaneRequest first =
                toLane(engine.onJob(job("r-retry2", "src/A.java"), 0)).request();
        engine.onRunControl(RunControl.cancelled("r-retry2", 0, NOW, "nightshift cancel"));
        engine.onRunControl(RunControl.cancelled("r-retry2", 0, NOW, "nightshift cancel"));

        assertThat(engine.onRetry(Attempts.failover(first, FailureClass.OVERLOADED, Money.ZERO)))
                .isEmpty();
    }

    @Test
    void aFailedAttemptOfARunningRunIsStillSentAgainWithItsGeneration() {
        LaneRequest first =
                toLane(engine.onJob(job("r-retry3", "src/A.java"), 1)).request();
        engine.onRunControl(RunControl.resumed("r-retry3", 1, NOW));

        Outbound.ToLane next = toLane(engine.onRetry(Attempts.failover(first, FailureClass.RATE_LIMITED, Money.ZERO)));

        assertThat(next.request().attempt()).isEqualTo(2);
        assertThat(next.generation()).as("the retry keeps its job's generation").isEqualTo(1);
    }
}
