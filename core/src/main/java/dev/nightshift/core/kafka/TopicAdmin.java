package dev.nightshift.core.kafka;

import dev.nightshift.core.topic.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics and configures share groups idempotently at service start-up (the service
 * that owns a topic creates it).
 */
public final class TopicAdmin {
    private static final long TIMEOUT_SECONDS = 30;

    private TopicAdmin() {}

    /** An ordinary topic that holds records up to {@link KafkaClientProps#MAX_RECORD_BYTES}. */
    public static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, partitions, (short) -1)
                .configs(Map.of("max.message.bytes", String.valueOf(KafkaClientProps.MAX_RECORD_BYTES)));
    }

    /** A compacted topic: the latest record per key is the state (health). */
    public static NewTopic compacted(String name) {
        return new NewTopic(name, 1, (short) -1).configs(Map.of("cleanup.policy", "compact"));
    }

    /** A dead-letter topic the broker will write to (Kafka 4.4, KIP-1191). */
    public static NewTopic deadLetters(String provider) {
        return new NewTopic(Topics.deadLetters(provider), 1, (short) -1)
                .configs(Map.of(
                        "errors.deadletterqueue.group.enable",
                        "true",
                        "max.message.bytes",
                        String.valueOf(KafkaClientProps.MAX_RECORD_BYTES)));
    }

    /**
     * Creates every topic of {@link Topics#table} that does not exist yet, with the table's partitions and configs.
     * Every service calls this one method on start, so whichever starts first, the topics are the same.
     */
    public static void ensureTable(Admin admin, Collection<String> providers) {
        ensureTopics(admin, Topics.table(providers).stream().map(TopicAdmin::of).toList());
    }

    /** Creates these topics of the table (those that are not per provider) as the table describes them. */
    public static void ensureFromTable(Admin admin, String... names) {
        Map<String, Topics.Spec> table = Topics.tableByName(List.of());
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            Topics.Spec spec = table.get(name);
            if (spec == null) {
                throw new IllegalArgumentException(name + " is not a topic of the table");
            }
            topics.add(of(spec));
        }
        ensureTopics(admin, topics);
    }

    /** The topic as the table describes it. */
    public static NewTopic of(Topics.Spec spec) {
        return new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.configs());
    }

    public static void ensureTopics(Admin admin, Collection<NewTopic> topics) {
        List<NewTopic> all = new ArrayList<>(topics);
        admin.createTopics(all).values().forEach((name, future) -> {
            try {
                future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "Kafka did not create topic " + name + " within " + TIMEOUT_SECONDS + " s", e);
            }
        });
    }

    /** Sets group-level configs (share groups: offset reset, lock duration, delivery limit, DLQ). */
    public static void configureGroup(Admin admin, String groupId, Map<String, String> configs) {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, groupId);
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        try {
            admin.incrementalAlterConfigs(Map.of(group, ops)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot configure group " + groupId + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring group " + groupId, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not configure group " + groupId + " within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
