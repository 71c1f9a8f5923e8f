package dev.nightshift.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.attempt.FailedAttempt;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.routerstate.RouterState;
import dev.nightshift.core.routerstate.RunBudget;
import dev.nightshift.router.Attempts;
import dev.nightshift.router.Jobs;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Runs with a deadline, routed by core's rules over the bundled config: documentation goes to gemini first (batches
 * allowed), tests to deepseek first (no batches). Jobs that can wait go to their provider's batch lane at the batch
 * price; the rest, and every job of a run without a deadline, are called synchronously as always.
 */
class DeadlineRoutingTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");
    private static final ModelRef GEMINI = ModelRef.parse("gemini/gemini-1.5-flash");
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private BudgetLedger budgets;
    private RouterEngine engine = engine();

    private RouterEngine engine() {
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);
        InstantSource clock = now::get;
        budgets = new BudgetLedger(BudgetSettings.UNLIMITED);
        return new RouterEngine(
                CONFIG,
                policy,
                new RetryPlanner(policy, FailoverSettings.DEFAULT),
                new HealthBoard(clock, Duration.ofMinutes(5)),
                budgets,
                OutputExpectation.DEFAULT,
                clock);
    }

    /** A file's document, as ingest plans it: three rounds to go (the file, its folder, the architecture). */
    private static Job fileDoc(String runId, String path) {
        Job j = Jobs.job(runId, path, TaskType.DOCS, 800);
        return new Job(
                j.jobId(),
                j.runId(),
                j.tenant(),
                j.repository(),
                j.commit(),
                j.task(),
                j.unitPath(),
                j.language(),
                j.contentHash(),
                j.promptVersion(),
                j.content(),
                j.inputTokens(),
                j.maxOutputTokens(),
                j.simulated(),
                null,
                DocsTarget.file(path + ".md", List.of("A")));
    }

    private static LaneRequest lane(List<Outbound> out) {
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return ((Outbound.ToLane) out.get(0)).request();
    }

    @Test
    void aFarDeadlineSendsJobsOfBatchProvidersToTheirBatchLanesAndTheOthersToTheirLanes() {
        // Given: results needed in nine hours
        engine.onRunDeadline("r1", "acme", NOW.plus(Duration.ofHours(9)));

        // When
        LaneRequest doc = lane(engine.onJob(fileDoc("r1", "src/A.java")));
        LaneRequest test = lane(engine.onJob(Jobs.job("r1", "src/B.java", TaskType.TESTS, 500)));

        // Then: gemini allows batches, deepseek does not
        assertThat(doc.model()).isEqualTo(GEMINI);
        assertThat(doc.tier()).isEqualTo(ServiceTier.BATCH);
        assertThat(doc.routingReason()).contains("; batch: 3 rounds × 1 h");
        assertThat(test.model()).isEqualTo(DEEPSEEK);
        assertThat(test.tier()).isEqualTo(ServiceTier.STANDARD);
        assertThat(test.routingReason()).contains("; synchronous: provider deepseek has no batch lane");
        // And: the batch job takes no place in the dispatch window, the synchronous one does
        assertThat(engine.jobsInFlight()).isEqualTo(1);
        // And: each tier's calls are counted
        assertThat(engine.routed(ServiceTier.BATCH)).isEqualTo(1);
        assertThat(engine.routed(ServiceTier.STANDARD)).isEqualTo(1);
    }

    @Test
    void withoutADeadlineEveryJobIsSynchronousWithTheReasonItAlwaysHad() {
        // When: the same jobs, in a run without a deadline
        LaneRequest doc = lane(engine.onJob(fileDoc("r1", "src/A.java")));
        LaneRequest test = lane(engine.onJob(Jobs.job("r1", "src/B.java", TaskType.TESTS, 500)));

        // Then
        assertThat(List.of(doc, test)).allSatisfy(r -> {
            assertThat(r.tier()).isEqualTo(ServiceTier.STANDARD);
            assertThat(r.routingReason()).doesNotContain("batch").doesNotContain("synchronous");
        });
        assertThat(doc.model()).isEqualTo(GEMINI);
        assertThat(engine.jobsInFlight()).isEqualTo(2);
    }

    @Test
    void aNearDeadlineKeepsEvenABatchProvidersJobSynchronous() {
        // Given: two hours left, less than a file's three expected batch rounds
        engine.onRunDeadline("r1", "acme", NOW.plus(Duration.ofHours(2)));

        // When
        LaneRequest doc = lane(engine.onJob(fileDoc("r1", "src/A.java")));

        // Then
        assertThat(doc.model()).isEqualTo(GEMINI);
        assertThat(doc.tier()).isEqualTo(ServiceTier.STANDARD);
        assertThat(doc.routingReason()).contains("after the deadline");
    }

    @Test
    void aBatchRequestHoldsTheBatchPriceSoABudgetFitsTwiceAsMany() {
        // Given: a budget of exactly one document's synchronous worst case, and a far deadline
        Job first = fileDoc("r1", "src/A.java");
        Job second = fileDoc("r1", "src/B.java");
        Money synchronous = engine.reservation(first, GEMINI);
        Money batch = engine.reservation(first, GEMINI, ServiceTier.BATCH);
        assertThat(batch.times(2)).isEqualTo(synchronous);
        engine.onRunBudget("r1", "acme", synchronous);
        engine.onRunDeadline("r1", "acme", NOW.plus(Duration.ofHours(9)));

        // When
        LaneRequest a = lane(engine.onJob(first));
        LaneRequest b = lane(engine.onJob(second));

        // Then: both went, each holding half
        assertThat(List.of(a.tier(), b.tier())).containsOnly(ServiceTier.BATCH);
        assertThat(budgets.runHeld("r1")).isEqualTo(synchronous);
    }

    @Test
    void theSameBudgetWithoutADeadlineFitsOneDocumentAtATime() {
        // Given
        Job first = fileDoc("r1", "src/A.java");
        engine.onRunBudget("r1", "acme", engine.reservation(first, GEMINI));

        // When
        lane(engine.onJob(first));
        List<Outbound> second = engine.onJob(fileDoc("r1", "src/B.java"));

        // Then: the second waits for the first to settle
        assertThat(second).isEmpty();
        assertThat(engine.waitingForBudget()).isEqualTo(1);
    }

    @Test
    void anExpiredBatchItemGoesAgainToTheSameModelInABatchWhileTheDeadlineAllows() {
        // Given: a document in a batch, nine hours before the deadline
        engine.onRunDeadline("r1", "acme", NOW.plus(Duration.ofHours(9)));
        LaneRequest first = lane(engine.onJob(fileDoc("r1", "src/A.java")));

        // When: an hour later the provider reports the item expired
        now.set(NOW.plus(Duration.ofHours(1)));
        LaneRequest again = lane(engine.onRetry(expired(first)));

        // Then: the same model, a batch again, the next attempt, no escalation
        assertThat(again.model()).isEqualTo(GEMINI);
        assertThat(again.tier()).isEqualTo(ServiceTier.BATCH);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.position()).isEqualTo(first.position());
        assertThat(again.routingReason())
                .startsWith("attempt 1 on gemini/gemini-1.5-flash failed (BATCH_EXPIRED); again on the same model");
    }

    @Test
    void anExpiredBatchItemGoesSynchronouslyToTheSameModelWhenTheDeadlineNoLongerAllowsABatch() {
        // Given: a document in a batch
        engine.onRunDeadline("r1", "acme", NOW.plus(Duration.ofHours(9)));
        LaneRequest first = lane(engine.onJob(fileDoc("r1", "src/A.java")));

        // When: the item expires with two hours left
        now.set(NOW.plus(Duration.ofHours(7)));
        LaneRequest again = lane(engine.onRetry(expired(first)));

        // Then
        assertThat(again.model()).isEqualTo(GEMINI);
        assertThat(again.tier()).isEqualTo(ServiceTier.STANDARD);
        assertThat(again.position().escalations()).isZero();
        assertThat(again.routingReason()).contains("after the deadline");
    }

    @Test
    void aBatchItemRateLimitedByItsProviderIsSubmittedAgainRatherThanFailedOver() {
        // Given
        engine.onRunDeadline("r1", "acme", NOW.plus(Duration.ofHours(9)));
        LaneRequest first = lane(engine.onJob(fileDoc("r1", "src/A.java")));

        // When
        LaneRequest again = lane(engine.onRetry(new FailedAttempt(
                first,
                Attempts.failed(first, FailureClass.RATE_LIMITED, Money.ZERO).onTier(ServiceTier.BATCH))));

        // Then
        assertThat(again.model()).isEqualTo(GEMINI);
        assertThat(again.tier()).isEqualTo(ServiceTier.BATCH);
    }

    @Test
    void aSynchronousFailureKeepsTodaysFailover() {
        // Given: a test job on deepseek, called synchronously in a run with a deadline
        engine.onRunDeadline("r1", "acme", NOW.plus(Duration.ofHours(9)));
        LaneRequest first = lane(engine.onJob(Jobs.job("r1", "src/B.java", TaskType.TESTS, 500)));

        // When: deepseek is rate-limited past the worker's patience
        LaneRequest next = lane(engine.onRetry(Attempts.failover(first, FailureClass.RATE_LIMITED, Money.ZERO)));

        // Then: the next model of the chain on another provider
        assertThat(next.model()).isEqualTo(ModelRef.parse("qwen/qwen2.5-coder"));
        assertThat(next.routingReason()).contains("failover");
    }

    @Test
    void theDeadlineSurvivesARestartThroughTheRoutersStateRecords() {
        // Given: a run's deadline, written as the router's state
        Instant deadline = NOW.plus(Duration.ofHours(9));
        engine.onRunDeadline("r1", "acme", deadline);
        List<RouterState> written = engine.stateChanges().stream()
                .map(c -> RouterState.CODEC.decode(RouterState.CODEC.encode(c.state())))
                .toList();
        assertThat(written).singleElement().isInstanceOfSatisfying(RunBudget.class, run -> assertThat(run.deadline())
                .isEqualTo(deadline));

        // When: another router takes the state up
        RouterEngine restarted = engine();
        written.forEach(restarted::restore);

        // Then: it routes the run's documents to batches without seeing the plan again
        assertThat(lane(restarted.onJob(fileDoc("r1", "src/A.java"))).tier()).isEqualTo(ServiceTier.BATCH);
    }

    @Test
    void aPlanWithoutADeadlineWritesNoRunState() {
        engine.onRunDeadline("r1", "acme", null);

        assertThat(engine.stateChanges()).isEmpty();
    }

    private static FailedAttempt expired(LaneRequest request) {
        return new FailedAttempt(
                request,
                Attempts.failed(request, FailureClass.BATCH_EXPIRED, Money.ZERO).onTier(ServiceTier.BATCH));
    }
}
