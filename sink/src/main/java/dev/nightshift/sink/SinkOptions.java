package dev.nightshift.sink;

import dev.nightshift.core.topic.Topics;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * What the sink takes besides the config: its consumer group, its clock and the environment (for the
 * API token). The defaults are what production uses; tests pass their own group and environment.
 */
public record SinkOptions(String groupId, InstantSource clock, Map<String, String> env) {
    public SinkOptions {
        groupId = groupId == null || groupId.isBlank() ? Topics.SINK_GROUP : groupId;
        clock = Objects.requireNonNullElse(clock, InstantSource.system());
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public static SinkOptions defaults() {
        return new SinkOptions(Topics.SINK_GROUP, InstantSource.system(), System.getenv());
    }
}
