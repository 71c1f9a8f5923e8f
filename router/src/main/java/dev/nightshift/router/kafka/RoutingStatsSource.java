package dev.nightshift.router.kafka;

import dev.nightshift.core.routing.CellKey;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.learning.RoutingStats;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing statistics, read whole from the compacted {@value Topics#ROUTING_STATS} topic outside any group: every
 * router needs every cell, so replicas route by the same figures and a restarted router has them again (a figure a few
 * seconds old routes as well as the newest). The {@link RoutingStats} it fills may be read from any thread.
 */
public final class RoutingStatsSource extends CompactedTopicSource {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingStatsSource.class);

    private final RoutingStats stats;

    public RoutingStatsSource(String bootstrap, RoutingStats stats) {
        super(bootstrap, Topics.ROUTING_STATS, "nightshift-router-routing-stats");
        this.stats = stats;
    }

    @Override
    String what() {
        return "the routing statistics";
    }

    @Override
    int size() {
        return stats.size();
    }

    @Override
    void accept(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.value() == null) {
                if (r.key() != null) {
                    stats.remove(CellKey.parse(r.key()));
                }
            } else {
                stats.put(RoutingCell.CODEC.decode(r.value()));
            }
        } catch (RuntimeException e) {
            LOG.atWarn()
                    .addKeyValue("cell", r.key())
                    .log("ignoring an unreadable routing statistics record: {}", e.getMessage());
        }
    }
}
