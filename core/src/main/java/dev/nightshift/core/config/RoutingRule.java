package dev.nightshift.core.config;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import java.util.List;

/** Jobs of {@code task} go to the first model of {@code models}; the rest are fallbacks in order. */
public record RoutingRule(String name, TaskType task, List<ModelRef> models) {
    public RoutingRule {
        if (task == null) {
            throw new IllegalArgumentException("task is required: docs or tests");
        }
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("models must name at least one provider/model");
        }
        models = List.copyOf(models);
        name = name == null || name.isBlank() ? task.id() : name;
    }
}
