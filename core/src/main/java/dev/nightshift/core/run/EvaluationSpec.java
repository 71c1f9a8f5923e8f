package dev.nightshift.core.run;

import dev.nightshift.core.provider.ModelRef;
import java.util.Objects;

/**
 * What makes a run one arm of a model evaluation: the same sample of units is sent to every candidate model,
 * each in a run of its own that names this evaluation. Such a run goes to {@code model} alone (its repair
 * rounds included, no escalation to another model) and is never answered from the artifact cache.
 *
 * @param evaluationId the evaluation every arm shares
 * @param model        the one model this arm's jobs go to
 * @param sample       how many units the sample holds (at most); stratified by language and size
 * @param seed         picks the sample: the same seed, commit and size give every arm the same units
 */
public record EvaluationSpec(String evaluationId, ModelRef model, int sample, long seed) {
    public EvaluationSpec {
        if (evaluationId == null || evaluationId.isBlank()) {
            throw new IllegalArgumentException("an evaluation needs an id");
        }
        Objects.requireNonNull(model, "model");
        if (sample < 1) {
            throw new IllegalArgumentException("an evaluation's sample must hold at least one unit, got " + sample);
        }
    }
}
