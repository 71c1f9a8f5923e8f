package dev.nightshift.core.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import java.util.Objects;

/**
 * One cell of the routing statistics: one model on one {@link CellGroup} (task × language × size bucket). Its id,
 * {@code tests/python/small/deepseek/deepseek-chat}, keys the cell in the sink's store and on the compacted
 * {@code nightshift.routing-stats} topic.
 */
public record CellKey(CellGroup group, ModelRef model) {
    public CellKey {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(model, "model");
    }

    public static CellKey of(TaskType task, String language, SizeBucket bucket, ModelRef model) {
        return new CellKey(new CellGroup(task, language, bucket), model);
    }

    /** {@code task/language/bucket/provider/model}; the model part may itself hold '/' (only the first four split). */
    @JsonValue
    public String id() {
        return group.id() + "/" + model;
    }

    /** Reads an {@link #id()} back; the error names what is wrong with it. */
    @JsonCreator
    public static CellKey parse(String id) {
        String[] parts = id == null ? new String[0] : id.split("/", 4);
        if (parts.length < 4) {
            throw new IllegalArgumentException(
                    "'" + id + "' is not a routing cell id; write task/language/bucket/provider/model");
        }
        SizeBucket bucket = null;
        for (SizeBucket b : SizeBucket.values()) {
            if (b.id().equals(parts[2])) {
                bucket = b;
            }
        }
        if (bucket == null) {
            throw new IllegalArgumentException("'" + id + "': unknown size bucket '" + parts[2] + "'");
        }
        return new CellKey(new CellGroup(TaskType.parse(parts[0]), parts[1], bucket), ModelRef.parse(parts[3]));
    }

    @Override
    public String toString() {
        return id();
    }
}
