package dev.nightshift.core.routing;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.validation.Verdict;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One judged attempt, as the routing statistics count it: which cell, when, whether it passed, whether it was a
 * repair try, what it cost and how long it took.
 *
 * <p>Only attempts whose <em>output</em> was judged say anything about a model: a test the validator built and ran
 * (any verdict but {@code infrastructure}, which is our fault), a document that was reviewed, and a reply that was
 * cut off ({@code OUTPUT_TRUNCATED}) or unusable ({@code INVALID_OUTPUT}). Rate limits, transport errors, cache hits,
 * budget cancellations and not-routed results say nothing about the model's work and are not observations.
 * An attempt passed when its outcome is {@code SUCCEEDED}: the validator delivered its test, or its document was
 * accepted.
 *
 * @param repair true when the same model had an earlier judged attempt of the same job (a repair or review round)
 */
public record Observation(CellKey cell, Instant at, boolean passed, boolean repair, double costUsd, long latencyMs) {
    public Observation {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(at, "at");
        if (!(costUsd >= 0)) {
            throw new IllegalArgumentException("costUsd must be >= 0, got " + costUsd);
        }
        latencyMs = Math.max(0, latencyMs);
    }

    /**
     * The observation an attempt makes, or empty when it is none (see the class comment). Its size bucket is that of
     * the input tokens the provider billed; an attempt whose provider reported no input tokens cannot be placed in a
     * bucket and is not counted.
     *
     * @param repair whether the attempt's model had already been judged on the same job (the caller knows the ledger)
     */
    public static Optional<Observation> of(AttemptResult r, boolean repair) {
        if (!judged(r)
                || r.provider() == null
                || r.provider().isBlank()
                || r.model() == null
                || r.model().isBlank()
                || r.usage().totalInput() <= 0) {
            return Optional.empty();
        }
        ModelRef model;
        try {
            model = modelOf(r.provider(), r.model());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Instant at = r.finishedAt() != null ? r.finishedAt() : r.startedAt();
        if (at == null) {
            return Optional.empty();
        }
        CellKey cell =
                CellGroup.of(r.task(), r.language(), r.usage().totalInput()).cell(model);
        return Optional.of(new Observation(
                cell, at, passed(r), repair, Math.max(0, r.cost().toBigDecimal().doubleValue()), r.latencyMs()));
    }

    /** Whether an attempt's output was judged, so that it tells how well its model does (see the class comment). */
    public static boolean judged(AttemptResult r) {
        return judged(
                r.task(),
                r.outcome(),
                r.failureClass(),
                r.validation() == null ? null : r.validation().verdict(),
                r.docsReview() != null);
    }

    /**
     * The same test on the facts a ledger entry keeps, so that the sink can tell whether an earlier attempt of a job
     * was judged without the attempt itself.
     *
     * @param verdict       the validator's verdict, or {@code null} when nothing was validated
     * @param docsReviewed  whether the attempt's document was reviewed
     */
    public static boolean judged(
            TaskType task, Outcome outcome, FailureClass failureClass, Verdict verdict, boolean docsReviewed) {
        if (verdict != null) {
            return verdict != Verdict.INFRASTRUCTURE;
        }
        if (docsReviewed) {
            return true;
        }
        return outcome == Outcome.FAILED
                && (failureClass == FailureClass.OUTPUT_TRUNCATED || failureClass == FailureClass.INVALID_OUTPUT);
    }

    private static boolean passed(AttemptResult r) {
        return r.outcome() == Outcome.SUCCEEDED;
    }

    /** Workers report the bare model name with its provider; a qualified {@code provider/model} is accepted too. */
    public static ModelRef modelOf(String provider, String model) {
        return model.startsWith(provider + "/") ? ModelRef.parse(model) : new ModelRef(provider, model);
    }
}
