package dev.nightshift.core.config;

import dev.nightshift.core.job.TaskType;
import java.util.EnumMap;
import java.util.Map;

/**
 * How jobs are sized.
 *
 * @param maxOutputTokens output budget per task; sized to the task, not to the model's maximum
 * @param promptVersion   bump it when prompts change, so that cached artifacts are not reused
 */
public record JobsConfig(Map<TaskType, Integer> maxOutputTokens, String promptVersion) {
    public JobsConfig {
        Map<TaskType, Integer> copy = new EnumMap<>(TaskType.class);
        if (maxOutputTokens != null) {
            copy.putAll(maxOutputTokens);
        }
        for (TaskType t : TaskType.values()) {
            Integer max = copy.get(t);
            if (max == null) {
                throw new IllegalArgumentException("maxOutputTokens." + t.id() + " is required");
            }
            if (max <= 0) {
                throw new IllegalArgumentException("maxOutputTokens." + t.id() + " must be > 0, got " + max);
            }
        }
        maxOutputTokens = Map.copyOf(copy);
        if (promptVersion == null || promptVersion.isBlank()) {
            throw new IllegalArgumentException("promptVersion is required, e.g. \"1\"");
        }
    }

    public int maxOutputTokens(TaskType task) {
        return maxOutputTokens.get(task);
    }
}
