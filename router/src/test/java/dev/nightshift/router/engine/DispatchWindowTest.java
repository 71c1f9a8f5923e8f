package dev.nightshift.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.Attempts;
import dev.nightshift.router.Jobs;
import dev.nightshift.router.budget.BudgetLedger;
import dev.nightshift.router.budget.BudgetSettings;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.kafka.TopicDispatcher;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RoutingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the dispatch window counts: new jobs sent to a lane, until their end is seen (a result or a dead letter). */
class DispatchWindowTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    private final BudgetLedger budgets = new BudgetLedger(BudgetSettings.UNLIMITED);
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

    private LaneRequest route(Job job) {
        List<Outbound> out = engine.onJob(job);
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return ((Outbound.ToLane) out.get(0)).request();
    }

    @Test
    void countsEachRoutedJobUntilItsTerminalResultOrDeadLetter() {
        LaneRequest a = route(Jobs.job("r-w", "src/A.java", TaskType.TESTS, 500));
        LaneRequest b = route(Jobs.job("r-w", "src/B.java", TaskType.TESTS, 500));
        route(Jobs.job("r-w", "src/C.java", TaskType.TESTS, 500));
        assertThat(engine.jobsInFlight()).isEqualTo(3);

        engine.onEvent(Attempts.failed(a, dev.nightshift.core.event.FailureClass.RATE_LIMITED, Money.ZERO));
        assertThat(engine.jobsInFlight())
                .as("a failed attempt that will be retried still holds its place")
                .isEqualTo(3);

        engine.onEvent(Attempts.succeeded(a, Money.usd("0.001")));
        engine.onDeadLetter(b);
        engine.onDeadLetter(b);
        assertThat(engine.jobsInFlight()).isEqualTo(1);
    }

    @Test
    void aJobEndedWithoutACallNeverTakesAPlace() {
        engine.onJob(Jobs.job("r-w2", "src/Huge.java", TaskType.TESTS, 5_000_000));

        assertThat(engine.jobsInFlight()).isZero();
    }

    @Test
    void theDispatcherGatesPlannedJobsOnlyAndOpensBelowTheWindow() {
        TopicDispatcher dispatcher = new TopicDispatcher(engine, 2);
        assertThat(dispatcher.gated(Topics.JOBS)).isTrue();
        assertThat(dispatcher.gated(Topics.RESULTS)).isFalse();
        assertThat(dispatcher.gated(Topics.deadLetters("deepseek"))).isFalse();

        route(Jobs.job("r-w3", "src/A.java", TaskType.TESTS, 500));
        assertThat(dispatcher.windowOpen()).isTrue();
        LaneRequest second = route(Jobs.job("r-w3", "src/B.java", TaskType.TESTS, 500));
        assertThat(dispatcher.windowOpen()).isFalse();

        engine.onEvent(Attempts.succeeded(second, Money.usd("0.001")));
        assertThat(dispatcher.windowOpen()).isTrue();
    }

    @Test
    void theDeadLetterTopicsComeBeforeTheJobsSoEndsFreeTheWindowFirst() {
        List<String> topics = TopicDispatcher.topics(List.of("openai", "deepseek"));

        assertThat(topics)
                .containsExactly(
                        Topics.RUNS,
                        Topics.RESULTS,
                        Topics.RETRY,
                        Topics.deadLetters("deepseek"),
                        Topics.deadLetters("openai"),
                        Topics.JOBS);
    }
}
