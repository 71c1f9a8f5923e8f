package dev.nightshift.router.policy;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One routing rule: which jobs it matches and the chain of models that serve them (first choice, then
 * fallbacks in order, then escalation targets — a later model is a stronger or at least another one).
 * An absent matcher matches everything; bounds are inclusive.
 *
 * @param languages     language ids of {@code Job.language()} (lowercase); empty matches every language
 * @param minTokens     smallest {@code Job.inputTokens()} matched, or {@code null}
 * @param maxTokens     largest {@code Job.inputTokens()} matched, or {@code null}
 * @param minComplexity smallest complexity signal matched (see {@code ComplexitySignal}), or {@code null}
 * @param maxComplexity largest complexity signal matched, or {@code null}
 */
public record RouteRule(
        String name,
        TaskType task,
        Set<String> languages,
        Long minTokens,
        Long maxTokens,
        Integer minComplexity,
        Integer maxComplexity,
        List<ModelRef> chain) {
    public RouteRule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        Objects.requireNonNull(task, "task");
        languages = languages == null
                ? Set.of()
                : languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (minTokens != null && maxTokens != null && minTokens > maxTokens) {
            throw new IllegalArgumentException("minTokens " + minTokens + " exceeds maxTokens " + maxTokens);
        }
        if (minComplexity != null && maxComplexity != null && minComplexity > maxComplexity) {
            throw new IllegalArgumentException(
                    "minComplexity " + minComplexity + " exceeds maxComplexity " + maxComplexity);
        }
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("models must name at least one provider/model");
        }
        chain = List.copyOf(chain);
    }

    /** A rule that matches every job of one task, as core's {@code routing.rules} are. */
    public static RouteRule forTask(String name, TaskType task, List<ModelRef> chain) {
        return new RouteRule(name, task, Set.of(), null, null, null, null, chain);
    }

    public boolean matches(TaskType jobTask, String language, long inputTokens, int complexity) {
        return task == jobTask
                && (languages.isEmpty() || language != null && languages.contains(language.toLowerCase(Locale.ROOT)))
                && (minTokens == null || inputTokens >= minTokens)
                && (maxTokens == null || inputTokens <= maxTokens)
                && (minComplexity == null || complexity >= minComplexity)
                && (maxComplexity == null || complexity <= maxComplexity);
    }
}
