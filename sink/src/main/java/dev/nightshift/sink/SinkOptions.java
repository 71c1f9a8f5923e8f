package dev.nightshift.sink;

import dev.nightshift.core.topic.Topics;
import dev.nightshift.sink.metrics.SinkEvents;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * What the sink takes besides the config: its consumer group, its clock, the environment (for the API
 * token) and where its metrics go ({@code new MicrometerSinkEvents(registry, clock)}, or
 * {@link SinkEvents#NONE}). The defaults are what production uses; tests pass their own group and environment.
 */
public record SinkOptions(String groupId, InstantSource clock, Map<String, String> env, SinkEvents events) {
    public SinkOptions {
        groupId = groupId == null || groupId.isBlank() ? Topics.SINK_GROUP : groupId;
        clock = Objects.requireNonNullElse(clock, InstantSource.system());
        env = env == null ? Map.of() : Map.copyOf(env);
        events = Objects.requireNonNullElse(events, SinkEvents.NONE);
    }

    public SinkOptions(String groupId, InstantSource clock, Map<String, String> env) {
        this(groupId, clock, env, SinkEvents.NONE);
    }

    public static SinkOptions defaults() {
        return new SinkOptions(Topics.SINK_GROUP, InstantSource.system(), System.getenv(), SinkEvents.NONE);
    }

    public SinkOptions withEvents(SinkEvents sinkEvents) {
        return new SinkOptions(groupId, clock, env, sinkEvents);
    }
}
