package dev.nightshift.sink.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changed cells reach the compacted {@code nightshift.routing-stats} topic once their batch is durable; a cell a crash
 * left unpublished is sent when the sink starts again, and a published one is not sent again. The language is unique
 * to the test, so that other tests on the shared broker never touch its cells.
 */
class RoutingStatsPublisherIT {
    @TempDir
    Path dir;

    private final String language =
            "lang" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private AttemptResult judged(String run, String job, boolean passed) {
        AttemptResult answered = new AttemptResult(
                new JobRef(run, job, "default", "/repos/demo", "c0ffee", TaskType.TESTS, "src/a.x", language, true),
                1,
                "deepseek",
                "deepseek-chat",
                "tests rule",
                Outcome.SUCCEEDED,
                null,
                null,
                Usage.of(1_500, 0, 0, 600),
                Money.usd("0.0004"),
                "prices-1",
                900,
                Fixtures.T0,
                Fixtures.T0.plusMillis(900),
                "stop",
                "test",
                false);
        return answered.judged(
                Validation.of(passed ? Verdict.PASSED : Verdict.FAILED, passed ? "" : "failed", 10), passed, passed);
    }

    private List<Incoming> results(boolean... passed) {
        String run = Fixtures.newRunId();
        return java.util.stream.IntStream.range(0, passed.length)
                .mapToObj(i -> (Incoming) new Incoming.Event(judged(run, "j" + i, passed[i])))
                .toList();
    }

    /** The latest value of each of this test's cells on the topic. */
    private Map<String, RoutingCell> onTopic(String bootstrap, int expected) {
        Map<String, RoutingCell> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                KafkaClientProps.consumer(bootstrap, "it-routing-stats", "it-routing-stats-" + UUID.randomUUID()))) {
            c.subscribe(List.of(Topics.ROUTING_STATS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key().contains("/" + language + "/")) {
                        latest.put(r.key(), RoutingCell.CODEC.decode(r.value()));
                    }
                }
                return latest.values().stream()
                                .mapToLong(RoutingCell::observations)
                                .sum()
                        >= expected;
            });
        }
        return latest;
    }

    @Test
    void aDurableBatchsCellsArePublishedAndOnlyUnpublishedOnesAreSentAgainAtStart() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "it-routing-admin"))) {
            TopicAdmin.ensureTopics(admin, List.of(TopicAdmin.compacted(Topics.ROUTING_STATS)));
        }
        try (SinkStore store = SinkStore.open(dir)) {
            BatchApplier applier = new BatchApplier(store, InstantSource.system());
            // Given a batch that changed one cell, published after it was durable
            BatchApplier.Applied first = applier.apply(results(true, false, false));
            try (RoutingStatsPublisher publisher = new RoutingStatsPublisher(bootstrap, store)) {
                publisher.publish(first.routingCells());
            }
            RoutingCell published = onTopic(bootstrap, 3).values().iterator().next();
            assertThat(published).isEqualTo(first.routingCells().get(0));
            assertThat(published.first().tries()).isEqualTo(3);
            assertThat(StoredRoutingCells.unpublished(store)).isEmpty();

            // When the sink stops after the next batch is durable but before it could publish
            BatchApplier.Applied second = applier.apply(results(true));
            assertThat(StoredRoutingCells.unpublished(store)).containsExactlyElementsOf(second.routingCells());

            // Then a sink starting again sends exactly that cell, and the topic's latest value is the stored one
            try (RoutingStatsPublisher restarted = new RoutingStatsPublisher(bootstrap, store)) {
                assertThat(restarted.publishUnpublished()).isEqualTo(1);
                assertThat(restarted.publishUnpublished()).isZero();
            }
            RoutingCell latest = onTopic(bootstrap, 4).values().iterator().next();
            assertThat(latest.first().tries()).isEqualTo(4);
            assertThat(latest)
                    .isEqualTo(StoredRoutingCells.all(store).stream()
                            .filter(c -> c.cell().group().language().equals(language))
                            .findFirst()
                            .orElseThrow());
        }
    }
}
