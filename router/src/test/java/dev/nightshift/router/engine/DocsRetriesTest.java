package dev.nightshift.router.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.attempt.FailedAttempt;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the router treats documentation: composites wait, a rejected document gets one review round, a cut one more room. */
class DocsRetriesTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private final RouterEngine engine;

    DocsRetriesTest() {
        RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);
        engine = new RouterEngine(
                CONFIG,
                policy,
                new RetryPlanner(policy, FailoverSettings.DEFAULT),
                new HealthBoard(InstantSource.fixed(NOW), Duration.ofMinutes(5)),
                new BudgetLedger(BudgetSettings.UNLIMITED),
                OutputExpectation.DEFAULT,
                InstantSource.fixed(NOW));
    }

    private static Job docsJob(String unitPath, DocsTarget docs) {
        return new Job(
                "j-" + unitPath.hashCode(),
                "r1",
                "acme",
                "/repo",
                "c0ffee",
                TaskType.DOCS,
                unitPath,
                "java",
                "h",
                "1",
                "class Cart { void add() {} }\n",
                500,
                1024,
                true,
                null,
                docs);
    }

    private LaneRequest routed(Job job) {
        List<Outbound> out = engine.onJob(job);
        assertThat(out).singleElement().isInstanceOf(Outbound.ToLane.class);
        return ((Outbound.ToLane) out.get(0)).request();
    }

    @Test
    void aFolderSummaryAwaitingItsChildrenIsNotRoutedUntilItComesBackComposed() {
        DocsTarget planned = DocsTarget.composite(
                DocLevel.FOLDER, "pkg/README.md", List.of(new DocChild("j-a", "pkg/a.py", DocLevel.FILE)));
        Job waiting = docsJob("pkg/README", planned);

        assertThat(engine.onJob(waiting)).isEmpty();
        LaneRequest composed = routed(waiting.composed("```markdown\n### File: pkg/a.py\n```\n", "h2", 40));
        assertThat(composed.job().docs().awaiting()).isFalse();
    }

    @Test
    void aRejectedDocumentGoesBackToItsModelOnceWithTheFindings() {
        LaneRequest first = routed(docsJob("shop/Cart.java", DocsTarget.file("shop/Cart.java.md", List.of("Cart"))));
        DocsReview review =
                new DocsReview(DocLevel.FILE, 1, List.of(), List.of("Cart.frobnicate()"), List.of(), false, 0, 40);
        AttemptResult rejected = Attempts.failed(first, FailureClass.DOCS_REJECTED, Money.usd("0.001"));
        rejected = withArtifactAndReview(rejected, "# Cart\n`Cart.frobnicate()`\n", review);

        List<Outbound> out = engine.onRetry(new FailedAttempt(first, rejected));

        assertThat(out).singleElement().isInstanceOfSatisfying(Outbound.ToLane.class, lane -> {
            LaneRequest retry = lane.request();
            assertThat(retry.model()).isEqualTo(first.model());
            assertThat(retry.attempt()).isEqualTo(2);
            assertThat(retry.repair()).isNotNull();
            assertThat(retry.repair().verdict()).isNull();
            assertThat(retry.repair().previousTest()).isEqualTo("# Cart\n`Cart.frobnicate()`\n");
            assertThat(retry.repair().diagnostics()).contains("unknown names").contains("Cart.frobnicate()");
            assertThat(retry.routingReason()).contains("review round");
        });
    }

    @Test
    void aDocumentStillCutAtTheOutputLimitEscalatesWithTwiceTheBudget() {
        LaneRequest first = routed(docsJob("shop/Cart.java", DocsTarget.file("shop/Cart.java.md", List.of("Cart"))));
        AttemptResult cut = Attempts.failed(first, FailureClass.OUTPUT_TRUNCATED, Money.usd("0.001"));

        List<Outbound> out = engine.onRetry(new FailedAttempt(first, cut));

        assertThat(out).singleElement().isInstanceOfSatisfying(Outbound.ToLane.class, lane -> {
            assertThat(lane.request().job().maxOutputTokens())
                    .isEqualTo(2 * first.job().maxOutputTokens());
            assertThat(lane.request().model()).isNotEqualTo(first.model());
            assertThat(lane.request().routingReason()).contains("escalation");
        });
    }

    private static AttemptResult withArtifactAndReview(AttemptResult r, String artifact, DocsReview review) {
        return new AttemptResult(
                r.job(),
                r.attempt(),
                r.provider(),
                r.model(),
                r.routingReason(),
                r.outcome(),
                r.failureClass(),
                "review: unknown names",
                r.usage(),
                r.cost(),
                r.priceTableVersion(),
                r.latencyMs(),
                r.startedAt(),
                r.finishedAt(),
                r.finishReason(),
                artifact,
                r.terminal(),
                null,
                review);
    }
}
