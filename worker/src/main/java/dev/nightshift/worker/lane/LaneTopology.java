package dev.nightshift.worker.lane;

import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates, idempotently, what the workers' lanes need: the topic table (each lane topic and its dead-letter topic, the
 * results, retry and health topics among them), and each lane's share group configured before any member joins
 * ({@code earliest}, so no job produced before a member joins is skipped; a moderate lock; a delivery limit; a
 * {@code dlq.}-prefixed dead-letter topic, which Kafka 4.4 requires).
 */
public final class LaneTopology {
    private LaneTopology() {}

    /** Blocking (Admin calls); run it off the event loop. */
    public static void ensure(
            Admin admin, Collection<String> providers, int lanePartitions, Duration lockDuration, int deliveryLimit) {
        if (lanePartitions != Topics.LANE_PARTITIONS) {
            // A benchmark's own partitioning of the lanes: created first, so the table's count does not apply.
            List<NewTopic> lanes = new ArrayList<>();
            providers.forEach(p -> lanes.add(TopicAdmin.topic(Topics.lane(p), lanePartitions)));
            TopicAdmin.ensureTopics(admin, lanes);
        }
        TopicAdmin.ensureTable(admin, providers);
        for (String p : providers) {
            TopicAdmin.configureGroup(admin, Topics.workerGroup(p), groupConfig(p, lockDuration, deliveryLimit));
        }
    }

    static Map<String, String> groupConfig(String provider, Duration lockDuration, int deliveryLimit) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("share.auto.offset.reset", "earliest");
        c.put("share.record.lock.duration.ms", String.valueOf(lockDuration.toMillis()));
        c.put("share.delivery.count.limit", String.valueOf(deliveryLimit));
        c.put("errors.deadletterqueue.topic.name", Topics.deadLetters(provider));
        c.put("errors.deadletterqueue.copy.record.enable", "true");
        return c;
    }
}
