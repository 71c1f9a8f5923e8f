package dev.nightshift.worker.lane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaneObserverTest {
    @Test
    void aReplicasConsumersCountAsOneReplica() {
        assertThat(LaneObserver.replicaOf("nightshift-worker-deepseek-a1b2#0"))
                .isEqualTo("nightshift-worker-deepseek-a1b2");
        assertThat(LaneObserver.replicaOf("nightshift-worker-deepseek-a1b2#3"))
                .isEqualTo("nightshift-worker-deepseek-a1b2");
        assertThat(LaneObserver.replicaOf("another-client"))
                .as("a consumer not ours is a replica of its own")
                .isEqualTo("another-client");
    }
}
