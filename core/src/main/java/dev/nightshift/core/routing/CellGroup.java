package dev.nightshift.core.routing;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import java.util.Locale;
import java.util.Objects;

/**
 * The jobs whose routing figures are compared with each other: one task, one language, one size bucket. Its cells
 * are the models that have been tried on such jobs ({@link CellKey}).
 *
 * <p>The size bucket is that of the <em>prompt</em>, counted where each side can count it: the router, before the
 * call, as the job's planned input tokens plus its {@code constraints.promptOverheadTokens} (the template around the
 * unit); the sink, after it, as the input tokens the provider billed ({@code usage().totalInput()}). The two differ a
 * little (tokenizers, the prompt's exact shape), which is why the buckets are coarse ({@link SizeBucket}).
 *
 * @param language the job's language id, lowercase; {@code unknown} when the job has none
 */
public record CellGroup(TaskType task, String language, SizeBucket bucket) {
    public static final String UNKNOWN_LANGUAGE = "unknown";

    public CellGroup {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(bucket, "bucket");
        language = normalised(language);
    }

    /** The group of a prompt of {@code promptTokens} tokens (see the class comment for who counts what). */
    public static CellGroup of(TaskType task, String language, long promptTokens) {
        return new CellGroup(task, language, SizeBucket.ofTokens(promptTokens));
    }

    /** This group's cell for one model. */
    public CellKey cell(ModelRef model) {
        return new CellKey(this, model);
    }

    /** {@code tests/python/small}: how figures and reasons name the group. */
    public String id() {
        return task.id() + "/" + language + "/" + bucket.id();
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Language ids become part of a cell's id, whose parts are separated by '/': a language is lowercased, and any
     * character outside letters, digits and {@code + # . _ -} is replaced by '_' (no real language id has one).
     */
    static String normalised(String language) {
        if (language == null || language.isBlank()) {
            return UNKNOWN_LANGUAGE;
        }
        return language.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9+#._-]", "_");
    }
}
