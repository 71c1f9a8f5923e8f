package dev.nightshift.router.policy;

import dev.nightshift.core.job.TaskType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many output tokens a job is expected to produce, for estimates and for budget reservations in
 * {@code expected} mode: {@code ratio × input tokens}, at least {@code minimum}, at most the job's
 * {@code maxOutputTokens}.
 */
public record OutputExpectation(Map<TaskType, BigDecimal> ratio, Map<TaskType, Long> minimum) {
    private static final BigDecimal DEFAULT_RATIO = BigDecimal.ONE;

    /** Documentation is shorter than the code it describes; tests are about as long as the code they test. */
    public static final OutputExpectation DEFAULT = new OutputExpectation(
            Map.of(TaskType.DOCS, new BigDecimal("0.5"), TaskType.TESTS, new BigDecimal("1.0")),
            Map.of(TaskType.DOCS, 200L, TaskType.TESTS, 300L));

    public OutputExpectation {
        Map<TaskType, BigDecimal> r = new EnumMap<>(TaskType.class);
        Map<TaskType, Long> m = new EnumMap<>(TaskType.class);
        for (TaskType t : TaskType.values()) {
            BigDecimal value = ratio == null ? null : ratio.get(t);
            r.put(t, value == null ? DEFAULT_RATIO : value);
            Long min = minimum == null ? null : minimum.get(t);
            m.put(t, min == null ? 0L : min);
            if (r.get(t).signum() < 0) {
                throw new IllegalArgumentException("expectedOutput.ratio." + t.id() + " cannot be negative");
            }
            if (m.get(t) < 0) {
                throw new IllegalArgumentException("expectedOutput.minimum." + t.id() + " cannot be negative");
            }
        }
        ratio = Map.copyOf(r);
        minimum = Map.copyOf(m);
    }

    public long expectedOutput(TaskType task, long inputTokens, int maxOutputTokens) {
        long byRatio = ratio.get(task)
                .multiply(BigDecimal.valueOf(inputTokens))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
        return Math.min(maxOutputTokens, Math.max(minimum.get(task), byRatio));
    }
}
