package dev.nightshift.worker.lane;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads, through the Admin API, how many workers share a lane (to divide the account's limits among
 * them) and how many records wait in it. Blocking: call it off the event loop.
 */
public final class LaneObserver {
    private final Admin admin;
    private final String group;
    private final String ownClientId;

    public LaneObserver(Admin admin, String group, String ownClientId) {
        this.admin = admin;
        this.group = group;
        this.ownClientId = ownClientId;
    }

    /** The replica a consumer belongs to: its client id up to {@link LanePoller#CONSUMER_SEPARATOR}. */
    static String replicaOf(String clientId) {
        int cut = clientId.lastIndexOf(LanePoller.CONSUMER_SEPARATOR);
        return cut < 0 ? clientId : clientId.substring(0, cut);
    }

    /** What was seen; {@code backlog} is -1 when the broker did not say. */
    public record View(int members, long backlog) {}

    public View observe() throws Exception {
        ShareGroupDescription d = admin.describeShareGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(10, TimeUnit.SECONDS);
        // A replica joins with several consumers (see LanePoller); the account's limits are shared by replicas.
        Set<String> replicas =
                d.members().stream().map(m -> replicaOf(m.clientId())).collect(Collectors.toSet());
        // Until this replica has joined, count it anyway: taking a full share while others hold theirs
        // is exactly the over-use this guards against.
        replicas.add(ownClientId);
        int members = replicas.size();
        long backlog = -1;
        try {
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin.listShareGroupOffsets(
                            Map.of(group, new ListShareGroupOffsetsSpec()))
                    .partitionsToOffsetInfo(group)
                    .get(10, TimeUnit.SECONDS);
            long sum = 0;
            boolean known = false;
            for (SharePartitionOffsetInfo info : offsets.values()) {
                if (info != null && info.lag().isPresent()) {
                    sum += info.lag().get();
                    known = true;
                }
            }
            backlog = known ? sum : -1;
        } catch (Exception e) {
            backlog = -1;
        }
        return new View(Math.max(1, members), backlog);
    }
}
