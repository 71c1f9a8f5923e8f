package dev.nightshift.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routing.CellKey;
import dev.nightshift.core.routing.Observation;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.routing.SizeBucket;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.learning.LearningSettings;
import dev.nightshift.router.learning.RoutingStats;
import dev.nightshift.router.learning.RoutingStrategy;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import dev.nightshift.sink.SinkOptions;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing statistics over Kafka: the sink folds judged attempts into cells and publishes them on the compacted
 * {@code nightshift.routing-stats} topic; a router reads them whole and routes {@code cheapest-per-pass} by them; a
 * router started after another stopped, and a second replica, read the very same figures. Each test's cells are in a
 * language of its own, so nothing else on the shared broker touches them.
 */
class RoutingStatsIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");
    private static final ModelRef HAIKU = ModelRef.parse("anthropic/claude-3-5-haiku");

    @TempDir
    Path dir;

    private final String language =
            "lang" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    /** A rule for this test's language only, DeepSeek first; cheapest-per-pass without exploration. */
    private RouterConfig routerConfig() {
        List<RouteRule> rules = new ArrayList<>();
        rules.add(new RouteRule(
                "stats-it", TaskType.TESTS, Set.of(language), null, null, null, null, List.of(DEEPSEEK, HAIKU)));
        rules.addAll(RoutingPolicy.coreRules(CONFIG));
        RouterConfig base = RouterConfig.coreOnly(CONFIG);
        return new RouterConfig(
                        rules, base.constraints(), null, base.failover(), base.budgets(), base.expectedOutput(), null)
                .withStrategy(RoutingStrategy.CHEAPEST_PER_PASS)
                .withLearning(LearningSettings.DEFAULT.withExplorationShare(0));
    }

    private Map<CellKey, RoutingCell> mine(RoutingStats stats) {
        return stats.cells().stream()
                .filter(c -> c.cell().group().language().equals(language))
                .collect(Collectors.toMap(RoutingCell::cell, c -> c));
    }

    private CellKey cell(ModelRef model) {
        return CellKey.of(TaskType.TESTS, language, SizeBucket.SMALL, model);
    }

    /** A test the validator judged: delivered when it passed, rejected otherwise. */
    private AttemptResult judged(String runId, String jobId, ModelRef model, boolean passed) {
        Instant at = Instant.now();
        AttemptResult answered = new AttemptResult(
                new JobRef(runId, jobId, "acme", "/repo/" + runId, "c0ffee", TaskType.TESTS, "src/a.x", language, true),
                1,
                model.provider(),
                model.model(),
                "stats-it",
                Outcome.SUCCEEDED,
                null,
                null,
                Usage.of(1_500, 0, 0, 900),
                Money.usd(model.equals(DEEPSEEK) ? "0.0006" : "0.0048"),
                "prices-1",
                2_000,
                at.minusSeconds(2),
                at,
                "stop",
                "test text",
                false);
        return answered.judged(
                Validation.of(passed ? Verdict.PASSED : Verdict.FAILED, passed ? "" : "expected 1 but was 2", 10),
                passed,
                passed);
    }

    private Job job(String runId, String path) {
        return Jobs.job(runId, path, TaskType.TESTS, language, "code of " + path, 1_000, 4096);
    }

    /** The lane request a job became, on DeepSeek's lane or Haiku's. */
    private static LaneRequest routed(Job job) throws Exception {
        RouterVerticleIT.publish(Topics.JOBS, job.jobId(), MessageCodec.JOB.encode(job));
        return MessageCodec.LANE_REQUEST.decode(RouterVerticleIT.only(
                        RouterVerticleIT.readUntilEither(
                                Topics.lane("anthropic"), Topics.lane("deepseek"), job.jobId()),
                        job.jobId())
                .value());
    }

    @Test
    void theSinksFiguresRouteJobsAndARouterStartedAgainReadsTheSameFigures() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String runId = "r-stats-" + UUID.randomUUID();
        Vertx vertx = Vertx.vertx();
        try {
            vertx.deployVerticle(new SinkVerticle(
                            CONFIG,
                            bootstrap,
                            dir.resolve("sink"),
                            new SinkOptions("it-sink-" + UUID.randomUUID(), InstantSource.system(), Map.of())))
                    .await(60, TimeUnit.SECONDS);
            // Given the validator judged 24 of DeepSeek's tests in this language (3 passed) and 10 of Haiku's (9
            // passed)
            for (int i = 0; i < 24; i++) {
                AttemptResult r = judged(runId, "d" + i, DEEPSEEK, i < 3);
                RouterVerticleIT.publish(Topics.RESULTS, r.jobId(), MessageCodec.JOB_EVENT.encode(r));
            }
            for (int i = 0; i < 10; i++) {
                AttemptResult r = judged(runId, "h" + i, HAIKU, i < 9);
                RouterVerticleIT.publish(Topics.RESULTS, r.jobId(), MessageCodec.JOB_EVENT.encode(r));
            }

            // When a router routes by cheapest-per-pass
            RouterVerticle first = new RouterVerticle(CONFIG, bootstrap, routerConfig());
            String firstId = vertx.deployVerticle(first).await(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<CellKey, RoutingCell> cells = mine(first.routingStats());
                assertThat(cells.get(cell(DEEPSEEK)))
                        .extracting(RoutingCell::observations)
                        .isEqualTo(24L);
                assertThat(cells.get(cell(HAIKU)))
                        .extracting(RoutingCell::observations)
                        .isEqualTo(10L);
            });
            Map<CellKey, RoutingCell> figures = mine(first.routingStats());
            assertThat(figures.get(cell(DEEPSEEK)).first().passes())
                    .isCloseTo(3, org.assertj.core.api.Assertions.within(0.01));

            // Then a job in this language starts at Haiku, and the reason names the figures
            LaneRequest request = routed(job(runId, "src/first.x"));
            assertThat(request.model()).isEqualTo(HAIKU);
            assertThat(request.routingReason())
                    .contains("rule stats-it -> anthropic/claude-3-5-haiku (chain position 2; "
                            + "cheapest-per-pass tests/" + language + "/small: $")
                    .contains("(pass 0.")
                    .contains(", n=10) vs deepseek/deepseek-chat $")
                    .contains(" < 0.50, n=24)");

            // When that router stops and another starts, it has the same figures before it routes anything
            vertx.undeploy(firstId).await(30, TimeUnit.SECONDS);
            RouterVerticle second = new RouterVerticle(CONFIG, bootstrap, routerConfig());
            vertx.deployVerticle(second).await(60, TimeUnit.SECONDS);
            assertThat(mine(second.routingStats())).isEqualTo(figures);

            // And a second replica beside it reads the same figures too, and jobs still start at Haiku
            RouterVerticle replica = new RouterVerticle(CONFIG, bootstrap, routerConfig());
            vertx.deployVerticle(replica).await(60, TimeUnit.SECONDS);
            assertThat(mine(replica.routingStats())).isEqualTo(figures);
            assertThat(routed(job(runId, "src/second.x")).model()).isEqualTo(HAIKU);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoRoutersFollowTheTopicToTheSameLatestValueOfEachCell() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        Vertx vertx = Vertx.vertx();
        try {
            RouterVerticle one = new RouterVerticle(CONFIG, bootstrap, routerConfig());
            RouterVerticle two = new RouterVerticle(CONFIG, bootstrap, routerConfig());
            vertx.deployVerticle(one).await(60, TimeUnit.SECONDS);
            vertx.deployVerticle(two).await(60, TimeUnit.SECONDS);

            // Given a cell published while both run, then a newer value of it
            RoutingCell older = RoutingCell.empty(cell(DEEPSEEK), RoutingCell.DEFAULT_HALF_LIFE)
                    .plus(new Observation(cell(DEEPSEEK), Instant.now(), true, false, 0.0005, 1_000));
            RoutingCell newer = older.plus(new Observation(cell(DEEPSEEK), Instant.now(), false, true, 0.0007, 1_500));
            RouterVerticleIT.publish(Topics.ROUTING_STATS, older.cell().id(), RoutingCell.CODEC.encode(older));
            RouterVerticleIT.publish(Topics.ROUTING_STATS, newer.cell().id(), RoutingCell.CODEC.encode(newer));

            // Then both hold the newer value
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(one.routingStats().cell(cell(DEEPSEEK))).contains(newer);
                assertThat(two.routingStats().cell(cell(DEEPSEEK))).contains(newer);
            });
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }
}
