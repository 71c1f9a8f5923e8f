package dev.nightshift.app.run;

import dev.nightshift.app.cli.Polling;
import dev.nightshift.core.kafka.KafkaClientProps;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a consumer group has committed everything written to some topics before now: the sink has booked every
 * answer, the validator has judged every candidate. A resume asks this before it decides which jobs are unfinished,
 * so an answer still on its way is not paid for a second time.
 */
public final class GroupCatchUp {
    private static final Duration POLL = Duration.ofMillis(250);

    private GroupCatchUp() {}

    /** @return whether the group caught up within {@code timeout} */
    public static boolean await(String bootstrap, String group, Set<String> topics, Duration timeout) {
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-catch-up"))) {
            Map<TopicPartition, Long> end = endOffsets(admin, topics);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (caughtUp(committed(admin, group), end)) {
                    return true;
                }
                Polling.pause(POLL);
            }
            return false;
        }
    }

    private static boolean caughtUp(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata at = committed.get(e.getKey());
            if (e.getValue() > 0 && (at == null || at.offset() < e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present = topics.stream().filter(existing::contains).toList();
            if (present.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(present)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((name, d) -> d.partitions()
                            .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets", e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            offsets.forEach((tp, o) -> {
                if (o != null) {
                    present.put(tp, o);
                }
            });
            return present;
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }
}
