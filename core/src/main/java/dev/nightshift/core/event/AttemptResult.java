package dev.nightshift.core.event;

import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Validation;
import java.time.Instant;
import java.util.Objects;

/**
 * One call to a provider and what came of it: the unit of the cost ledger. Published by workers (and, judged, by the
 * validator) to {@code nightshift.results}; the sink stores it idempotently under (runId, jobId, attempt).
 *
 * @param attempt      the attempt's number: the router's, or a lane retry's (see {@code LaneRetryAttempts})
 * @param terminal     true when this attempt ends the job (success, or a failure nobody will retry)
 * @param artifact     the model's reply text on success, otherwise {@code null}
 * @param cost         exact cost of the usage at {@code priceTableVersion}'s prices; billed failures cost too
 * @param validation   for a test job's answered call, the validator's verdict; {@code null} otherwise
 * @param docsReview   for a documentation job's answered call, the review of its document; {@code null} otherwise
 * @param serviceTier  the tier the call was made and billed at: synchronous, or in a provider batch at the batch price
 */
public record AttemptResult(
        JobRef job,
        int attempt,
        String provider,
        String model,
        String routingReason,
        Outcome outcome,
        FailureClass failureClass,
        String failureReason,
        Usage usage,
        Money cost,
        String priceTableVersion,
        long latencyMs,
        Instant startedAt,
        Instant finishedAt,
        String finishReason,
        String artifact,
        boolean terminal,
        Validation validation,
        DocsReview docsReview,
        ServiceTier serviceTier)
        implements JobEvent {
    /** A synchronous call's attempt. */
    public AttemptResult(
            JobRef job,
            int attempt,
            String provider,
            String model,
            String routingReason,
            Outcome outcome,
            FailureClass failureClass,
            String failureReason,
            Usage usage,
            Money cost,
            String priceTableVersion,
            long latencyMs,
            Instant startedAt,
            Instant finishedAt,
            String finishReason,
            String artifact,
            boolean terminal,
            Validation validation,
            DocsReview docsReview) {
        this(
                job,
                attempt,
                provider,
                model,
                routingReason,
                outcome,
                failureClass,
                failureReason,
                usage,
                cost,
                priceTableVersion,
                latencyMs,
                startedAt,
                finishedAt,
                finishReason,
                artifact,
                terminal,
                validation,
                docsReview,
                ServiceTier.STANDARD);
    }

    public AttemptResult {
        serviceTier = serviceTier == null ? ServiceTier.STANDARD : serviceTier;
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(outcome, "outcome");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1");
        }
        usage = usage == null ? Usage.NOT_REPORTED : usage;
        cost = cost == null ? Money.ZERO : cost;
        if (outcome == Outcome.FAILED && failureClass == null) {
            throw new IllegalArgumentException("a failed attempt needs a failure class");
        }
    }

    /** An attempt nothing validated or reviewed (documentation before review, a failed call). */
    public AttemptResult(
            JobRef job,
            int attempt,
            String provider,
            String model,
            String routingReason,
            Outcome outcome,
            FailureClass failureClass,
            String failureReason,
            Usage usage,
            Money cost,
            String priceTableVersion,
            long latencyMs,
            Instant startedAt,
            Instant finishedAt,
            String finishReason,
            String artifact,
            boolean terminal) {
        this(
                job,
                attempt,
                provider,
                model,
                routingReason,
                outcome,
                failureClass,
                failureReason,
                usage,
                cost,
                priceTableVersion,
                latencyMs,
                startedAt,
                finishedAt,
                finishReason,
                artifact,
                terminal,
                null,
                null);
    }

    /** An attempt without a document review (a test's). */
    public AttemptResult(
            JobRef job,
            int attempt,
            String provider,
            String model,
            String routingReason,
            Outcome outcome,
            FailureClass failureClass,
            String failureReason,
            Usage usage,
            Money cost,
            String priceTableVersion,
            long latencyMs,
            Instant startedAt,
            Instant finishedAt,
            String finishReason,
            String artifact,
            boolean terminal,
            Validation validation) {
        this(
                job,
                attempt,
                provider,
                model,
                routingReason,
                outcome,
                failureClass,
                failureReason,
                usage,
                cost,
                priceTableVersion,
                latencyMs,
                startedAt,
                finishedAt,
                finishReason,
                artifact,
                terminal,
                validation,
                null);
    }

    public String repository() {
        return job.repository();
    }

    public String commit() {
        return job.commit();
    }

    /**
     * This attempt judged by the validator: delivered ({@code terminal}, succeeded, the kept test as its artifact)
     * or rejected (failed as {@link FailureClass#TEST_REJECTED} with the verdict's diagnostics, the candidate kept
     * as its artifact for repair and for {@code export --all}).
     */
    public AttemptResult judged(Validation v, boolean delivered, boolean terminal) {
        String reason = delivered ? null : v.verdict().id() + ": " + firstLine(v.diagnostics());
        return new AttemptResult(
                job,
                attempt,
                provider,
                model,
                routingReason,
                delivered ? Outcome.SUCCEEDED : Outcome.FAILED,
                delivered ? null : FailureClass.TEST_REJECTED,
                reason,
                usage,
                cost,
                priceTableVersion,
                latencyMs,
                startedAt,
                finishedAt,
                finishReason,
                delivered && v.keptTest() != null ? v.keptTest() : artifact,
                terminal,
                v,
                null,
                serviceTier);
    }

    /** This attempt with its document's review. */
    public AttemptResult withDocsReview(DocsReview review) {
        return new AttemptResult(
                job,
                attempt,
                provider,
                model,
                routingReason,
                outcome,
                failureClass,
                failureReason,
                usage,
                cost,
                priceTableVersion,
                latencyMs,
                startedAt,
                finishedAt,
                finishReason,
                artifact,
                terminal,
                validation,
                review,
                serviceTier);
    }

    /** This attempt as made on {@code tier}. */
    public AttemptResult onTier(ServiceTier tier) {
        return new AttemptResult(
                job,
                attempt,
                provider,
                model,
                routingReason,
                outcome,
                failureClass,
                failureReason,
                usage,
                cost,
                priceTableVersion,
                latencyMs,
                startedAt,
                finishedAt,
                finishReason,
                artifact,
                terminal,
                validation,
                docsReview,
                tier);
    }

    private static String firstLine(String text) {
        String trimmed = text == null ? "" : text.strip();
        int nl = trimmed.indexOf('\n');
        String line = nl < 0 ? trimmed : trimmed.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
