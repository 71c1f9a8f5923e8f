package dev.nightshift.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.ServedFromCache;
import dev.nightshift.core.job.ContentKeys;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
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

/** The decision to answer a job from the artifact cache instead of a model. */
class ServedFromCacheTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");

    private final Set<String> cached = new HashSet<>();
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
                InstantSource.fixed(NOW),
                RouterEvents.NONE,
                cached::contains);
    }

    private static Job job(String runId, String commit, String tenant, String content, boolean simulated) {
        String hash = JobIds.contentHash(content);
        String jobId = JobIds.jobId("/repo/shop", commit, TaskType.TESTS, "src/A.java", hash, "1");
        return new Job(
                jobId,
                runId,
                tenant,
                "/repo/shop",
                commit,
                TaskType.TESTS,
                "src/A.java",
                "java",
                hash,
                "1",
                content,
                800,
                4096,
                simulated);
    }

    @Test
    void answersAJobWhoseWorkIsCachedWithAFreeTerminalSuccessInsteadOfRoutingIt() {
        // Given the artifact of the same file, task, prompts and tenant, made on an earlier commit
        cached.add(ContentKeys.entry(job("r1", "c1", "acme", "class A {}", true)));
        engine.onRunBudget("r2", "acme", Money.usd("1.00"));
        Job again = job("r2", "c2", "acme", "class A {}", true);

        // When the job of a later run arrives
        List<Outbound> out = engine.onJob(again);

        // Then it is not sent to a lane: it ends at once as served from the cache, at no cost and without a hold
        assertThat(out).singleElement().isInstanceOf(Outbound.Terminal.class);
        ServedFromCache result = (ServedFromCache) ((Outbound.Terminal) out.get(0)).event();
        assertThat(result.terminal()).isTrue();
        assertThat(result.answeredBy())
                .as("the artifact cache, not a job of another run")
                .isNull();
        assertThat(result.artifact()).as("the sink keeps the cached text").isNull();
        assertThat(result.runId()).isEqualTo("r2");
        assertThat(result.jobId()).isEqualTo(again.jobId());
        assertThat(result.simulated()).isTrue();
        assertThat(budgets.runHeld("r2")).isEqualTo(Money.ZERO);
    }

    @Test
    void routesAJobWhoseFileChanged() {
        cached.add(ContentKeys.entry(job("r1", "c1", "acme", "class A {}", true)));

        List<Outbound> out = engine.onJob(job("r2", "c2", "acme", "class A { int x; }", true));

        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
    }

    @Test
    void neverServesASimulatedArtifactToARealRun() {
        cached.add(ContentKeys.entry(job("r1", "c1", "acme", "class A {}", true)));

        List<Outbound> out = engine.onJob(job("r2", "c1", "acme", "class A {}", false));

        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
    }

    @Test
    void neverServesOneTenantsArtifactToAnother() {
        cached.add(ContentKeys.entry(job("r1", "c1", "acme", "class A {}", true)));

        List<Outbound> out = engine.onJob(job("r2", "c1", "globex", "class A {}", true));

        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
    }
}
