package dev.nightshift.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A provider whose workers report an open circuit on {@code nightshift.health} gets no new jobs: they go to
 * the next model of the chain. The provider here exists only in this test ("spare", a copy of DeepSeek's
 * account), so the health it publishes touches no other test sharing the broker.
 */
class RouterHealthIT {
    private static final NightshiftConfig BASE = ConfigLoader.loadDefault(Map.of());

    @Test
    void jobsOfAProviderWhoseCircuitIsOpenGoToTheNextModelOfTheChain() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String spareId = "spare-" + UUID.randomUUID().toString().substring(0, 8);
        ProviderConfig deepseek = BASE.provider("deepseek");
        Map<String, ProviderConfig> providers = new HashMap<>(BASE.providers());
        providers.put(spareId, deepseek);
        NightshiftConfig config = new NightshiftConfig(
                providers, BASE.routing(), BASE.jobs(), BASE.baseline(), BASE.ingest(), BASE.sink());
        ModelRef spare = new ModelRef(spareId, "deepseek-chat");
        List<RouteRule> rules = new ArrayList<>();
        rules.add(new RouteRule(
                "health-it",
                TaskType.TESTS,
                Set.of("health-it"),
                null,
                null,
                null,
                null,
                List.of(spare, ModelRef.parse("deepseek/deepseek-chat"))));
        rules.addAll(RoutingPolicy.coreRules(config));
        RouterConfig base = RouterConfig.coreOnly(config);
        RouterConfig routerConfig = new RouterConfig(
                rules, base.constraints(), null, base.failover(), base.budgets(), base.expectedOutput(), null);

        Vertx vertx = Vertx.vertx();
        try {
            vertx.deployVerticle(new RouterVerticle(config, bootstrap, routerConfig))
                    .await(60, TimeUnit.SECONDS);
            String runId = "r-health-" + UUID.randomUUID();

            // Given the spare provider is healthy, its job goes to its lane
            Job before = Jobs.job(runId, "src/A.py", TaskType.TESTS, "health-it", "def f(): pass", 300, 4096);
            RouterVerticleIT.publish(Topics.JOBS, before.jobId(), MessageCodec.JOB.encode(before));
            RouterVerticleIT.only(RouterVerticleIT.readUntil(Topics.lane(spareId), before.jobId()), before.jobId());

            // When its workers report an open circuit
            ProviderHealth open =
                    new ProviderHealth(spareId, ProviderHealth.Circuit.OPEN, 60, 0, 1000, null, Instant.now());
            RouterVerticleIT.publish(Topics.HEALTH, spareId, MessageCodec.PROVIDER_HEALTH.encode(open));

            // Then new jobs for it go to DeepSeek, saying why
            Job after = Jobs.job(runId, "src/B.py", TaskType.TESTS, "health-it", "def g(): pass", 300, 4096);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .untilAsserted(() -> {
                        // each try is a new job: the router reads health between polls, so the first may beat the
                        // report
                        Job probe = Jobs.job(
                                runId,
                                "src/P" + UUID.randomUUID() + ".py",
                                TaskType.TESTS,
                                "health-it",
                                "x",
                                300,
                                4096);
                        RouterVerticleIT.publish(Topics.JOBS, probe.jobId(), MessageCodec.JOB.encode(probe));
                        LaneRequest routed = MessageCodec.LANE_REQUEST.decode(RouterVerticleIT.only(
                                        RouterVerticleIT.readUntilEither(
                                                Topics.lane("deepseek"), Topics.lane(spareId), probe.jobId()),
                                        probe.jobId())
                                .value());
                        assertThat(routed.model().toString()).isEqualTo("deepseek/deepseek-chat");
                    });
            RouterVerticleIT.publish(Topics.JOBS, after.jobId(), MessageCodec.JOB.encode(after));
            LaneRequest routed = MessageCodec.LANE_REQUEST.decode(RouterVerticleIT.only(
                            RouterVerticleIT.readUntil(Topics.lane("deepseek"), after.jobId()), after.jobId())
                    .value());
            assertThat(routed.routingReason()).contains("circuit of " + spareId + " is open");
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }
}
