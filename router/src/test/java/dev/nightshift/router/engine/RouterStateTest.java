package dev.nightshift.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routerstate.RouterState;
import dev.nightshift.core.routerstate.RunBudget;
import dev.nightshift.router.Attempts;
import dev.nightshift.router.Engines;
import dev.nightshift.router.Jobs;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's state, written as {@link StateChange}s and taken up by a new engine, makes the new engine decide as the
 * first would have: the same holds, the same jobs waiting, failures already planned on not planned again.
 */
class RouterStateTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");

    /** What the state topic keeps: the latest state per key, a deletion forgetting it. */
    private final Map<String, RouterState> topic = new LinkedHashMap<>();

    private static RouterEngine engine() {
        return Engines.coreRouting(CONFIG, NOW);
    }

    private void write(RouterEngine engine) {
        for (StateChange c : engine.stateChanges()) {
            topic.remove(c.key());
            if (c.state() != null) {
                // Through the codec, as on Kafka.
                topic.put(c.key(), RouterState.CODEC.decode(RouterState.CODEC.encode(c.state())));
            }
        }
    }

    private RouterEngine restarted() {
        RouterEngine next = engine();
        topic.values().forEach(next::restore);
        return next;
    }

    private static LaneRequest toLane(List<Outbound> out) {
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return ((Outbound.ToLane) out.get(0)).request();
    }

    @Test
    void aNewEngineKeepsTheHoldsAndTheJobsWaitingForBudget() {
        RouterEngine first = engine();
        Job a = Jobs.job("r1", "A.java", TaskType.TESTS, 1_000);
        Job b = Jobs.job("r1", "B.java", TaskType.TESTS, 1_001);
        Job c = Jobs.job("r1", "C.java", TaskType.TESTS, 1_002);
        Money worst = first.reservation(c, DEEPSEEK);
        first.onRunBudget("r1", "acme", worst.times(new BigDecimal("2.5")));
        LaneRequest runningA = toLane(first.onJob(a));
        LaneRequest runningB = toLane(first.onJob(b));
        assertThat(first.onJob(c)).isEmpty();
        write(first);

        RouterEngine second = restarted();

        assertThat(second.jobsInFlight()).isEqualTo(3);
        assertThat(second.waitingForBudget()).isEqualTo(1);
        // A worst-case answer of A leaves no room for C beside B's hold: it still waits
        assertThat(second.onEvent(Attempts.succeeded(runningA, first.reservation(a, DEEPSEEK))))
                .isEmpty();
        // A cheap answer of B makes room: C goes to its lane from the new engine
        LaneRequest runningC = toLane(second.onEvent(Attempts.succeeded(runningB, worst.times(new BigDecimal("0.1")))));
        assertThat(runningC.job()).isEqualTo(c);
        write(second);
        RunBudget run = (RunBudget) topic.get(RouterState.runKey("r1"));
        assertThat(run.spent()).isEqualTo(first.reservation(a, DEEPSEEK).plus(worst.times(new BigDecimal("0.1"))));
        assertThat(run.limit()).isEqualTo(worst.times(new BigDecimal("2.5")));
    }

    @Test
    void aFailureAlreadyPlannedOnIsNotPlannedAgainAndEndedJobsLeaveNoState() {
        RouterEngine first = engine();
        Job a = Jobs.job("r2", "A.java", TaskType.TESTS, 1_000);
        LaneRequest attempt1 = toLane(first.onJob(a));
        var failure = Attempts.failover(attempt1, FailureClass.TRANSIENT, Money.ZERO);
        LaneRequest attempt2 = toLane(first.onRetry(failure));
        assertThat(attempt2.attempt()).isEqualTo(2);
        write(first);

        RouterEngine second = restarted();

        // The same failure, redelivered after the restart, is not routed a second time
        assertThat(second.onRetry(failure)).isEmpty();
        // And once the job succeeds, its state is deleted from the topic
        second.onEvent(Attempts.succeeded(attempt2, Money.usd("0.001")));
        write(second);
        assertThat(topic.keySet()).doesNotContain(RouterState.jobKey("r2", a.jobId()));
        assertThat(second.jobsInFlight()).isZero();
    }

    @Test
    void aJobWaitingForTheSameWorkIsAnsweredByTheNewEngineWhenTheWorkSucceeds() {
        RouterEngine first = engine();
        Job doer = Jobs.job("r3", "Same.java", TaskType.TESTS, 1_000);
        Job waiter = Jobs.job("r4", "Same.java", TaskType.TESTS, 1_000);
        LaneRequest doing = toLane(first.onJob(doer));
        assertThat(first.onJob(waiter)).isEmpty();
        write(first);

        RouterEngine second = restarted();
        List<Outbound> out = second.onEvent(Attempts.succeeded(doing, Money.usd("0.001")));

        assertThat(out).singleElement().isInstanceOf(Outbound.Terminal.class);
        assertThat(((Outbound.Terminal) out.get(0)).event().jobId()).isEqualTo(waiter.jobId());
        assertThat(((Outbound.Terminal) out.get(0)).event().runId()).isEqualTo("r4");
    }

    @Test
    void forgettingATenantDropsItsJobsAndBudgets() {
        RouterEngine engine = engine();
        engine.onRunBudget("r5", "acme", Money.usd("1"));
        toLane(engine.onJob(Jobs.job("r5", "A.java", TaskType.TESTS, 1_000)));
        assertThat(engine.tenants()).containsExactly("acme");

        engine.forgetTenants(Set.of("acme"));

        assertThat(engine.jobsInFlight()).isZero();
        assertThat(engine.tenants()).isEmpty();
        assertThat(engine.stateChanges()).isEmpty();
    }
}
