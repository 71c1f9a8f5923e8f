package dev.nightshift.worker.attempt;

import dev.nightshift.core.artifact.ReplyTextExtractor;
import dev.nightshift.core.attempt.LaneRetryAttempts;
import dev.nightshift.core.attempt.ValidationRequest;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.docs.DocsChecker;
import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.lane.Disposition;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.retry.Backoff;
import dev.nightshift.worker.time.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a provider's answer, or a failure, into published attempts, for synchronous calls ({@link AttemptRunner}) and
 * batch items alike: costs the usage exactly at the tier the call was billed at; hands a test to the validator and
 * reviews a document; publishes a failure as the {@link OutcomePolicy} says (ledgered and back to the lane, handed to
 * the router for fail-over, or terminal) and tells the caller what to acknowledge.
 */
public final class AttemptOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptOutcomes.class);

    private final Vertx vertx;
    private final NightshiftConfig config;
    private final String provider;
    private final ResultPublisher publisher;
    private final TimeScale time;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final int deliveryLimit;
    private final String priceTableVersion;

    /**
     * How one attempt's call was made.
     *
     * @param deliveryCount the lane record's delivery count ({@link #lastDelivery} for a call that cannot go back to a
     *                      lane, a batch item's)
     * @param finished      when the answer (or failure) came: a batch item's is its batch's end
     * @param tier          what the call is billed at
     */
    public record Made(int deliveryCount, Instant started, Instant finished, long latencyMs, ServiceTier tier) {}

    public AttemptOutcomes(
            Vertx vertx,
            NightshiftConfig config,
            String provider,
            ResultPublisher publisher,
            TimeScale time,
            Backoff backoff,
            RandomGenerator random,
            int deliveryLimit) {
        this.vertx = vertx;
        this.config = config;
        this.provider = provider;
        this.publisher = publisher;
        this.time = time;
        this.backoff = backoff;
        this.random = random;
        this.deliveryLimit = deliveryLimit;
        this.priceTableVersion = PriceTableVersion.of(config);
    }

    /** The delivery count of a call that has no lane record to go back to: its failures fail over at once. */
    public int lastDelivery() {
        return deliveryLimit;
    }

    /**
     * An answered call: a blank answer is a billed failure; a document is reviewed; a test goes to the validator, which
     * publishes the attempt with its verdict; anything else is published as succeeded.
     */
    public Future<Disposition> answered(
            Context context, LaneRequest request, Made made, Completion completion, int continuations) {
        if (completion.text().isBlank()) {
            return failed(
                    context,
                    request,
                    made,
                    FailureClass.INVALID_OUTPUT,
                    "the model returned no text (finish reason " + completion.finishReason() + ")",
                    completion.usage(),
                    completion.finishReason(),
                    Optional.empty(),
                    null);
        }
        Job job = request.job();
        if (job.docs() != null) {
            return reviewed(context, request, made, completion, continuations);
        }
        AttemptResult result = result(
                request,
                request.attempt(),
                made,
                Outcome.SUCCEEDED,
                null,
                null,
                completion.usage(),
                completion.finishReason(),
                completion.text(),
                true);
        // A test counts only once the validator has built and run it: it publishes the attempt with its verdict.
        Future<Void> published = job.testTarget() != null
                ? publisher.validate(context, new ValidationRequest(request, result))
                : publisher.result(context, result);
        return published.map(v -> {
            log(request, made)
                    .addKeyValue("latencyMs", made.latencyMs())
                    .addKeyValue("outputTokens", completion.usage().output())
                    .log("attempt succeeded");
            return Disposition.ACCEPT;
        });
    }

    /**
     * A document counts once it passed its review ({@link DocsChecker}). One still cut at the output limit fails as
     * {@link FailureClass#OUTPUT_TRUNCATED} (the router escalates it with a larger budget); one with findings fails as
     * {@link FailureClass#DOCS_REJECTED} and goes back to its model once with them; the document of that review round
     * is kept whatever its findings, which the ledger records.
     */
    private Future<Disposition> reviewed(
            Context context, LaneRequest request, Made made, Completion completion, int continuations) {
        Job job = request.job();
        String document = ReplyTextExtractor.extract(completion.text(), job.task(), job.language())
                .text();
        DocsReview review = DocsChecker.review(
                job.docs(),
                job.content() + "\n" + job.docs().outline(),
                document,
                completion.truncated(),
                continuations);
        FailureClass rejection = review.truncated()
                ? FailureClass.OUTPUT_TRUNCATED
                : !review.passed() && request.repair() == null ? FailureClass.DOCS_REJECTED : null;
        if (rejection == null) {
            AttemptResult result = result(
                            request,
                            request.attempt(),
                            made,
                            Outcome.SUCCEEDED,
                            null,
                            null,
                            completion.usage(),
                            completion.finishReason(),
                            completion.text(),
                            true)
                    .withDocsReview(review);
            return publisher.result(context, result).map(v -> {
                log(request, made)
                        .addKeyValue("latencyMs", made.latencyMs())
                        .addKeyValue("continuations", continuations)
                        .addKeyValue("reviewPassed", review.passed())
                        .log("attempt succeeded");
                return Disposition.ACCEPT;
            });
        }
        String reason = rejection == FailureClass.OUTPUT_TRUNCATED
                ? "cut at the output limit of " + job.maxOutputTokens() + " tokens after " + continuations
                        + " continuation(s)"
                : "review: " + review.findings().lines().findFirst().orElse("");
        AttemptResult result = result(
                        request,
                        request.attempt(),
                        made,
                        Outcome.FAILED,
                        rejection,
                        reason,
                        completion.usage(),
                        completion.finishReason(),
                        completion.text(),
                        false)
                .withDocsReview(review);
        log(request, made).addKeyValue("failureClass", rejection).log("attempt failed: " + reason);
        return publisher
                .result(context, result)
                .compose(v -> publisher.retry(context, request, result))
                .map(Disposition.ACCEPT);
    }

    /**
     * A failed call, ledgered with what the provider billed for it, as {@code forced} says or else as the
     * {@link OutcomePolicy} says for its class and delivery.
     */
    public Future<Disposition> failed(
            Context context,
            LaneRequest request,
            Made made,
            FailureClass failureClass,
            String reason,
            Usage usage,
            String finishReason,
            Optional<Duration> retryAfter,
            OutcomePolicy.Step forced) {
        int deliveryCount = made.deliveryCount();
        OutcomePolicy.Step step =
                forced != null ? forced : OutcomePolicy.afterFailure(failureClass, deliveryCount, deliveryLimit);
        log(request, made)
                .addKeyValue("failureClass", failureClass)
                .addKeyValue("step", step)
                .log("attempt failed: " + reason);
        switch (step) {
            case RELEASE: {
                // The call was made: it is a ledger line of its own (failed, not terminal, what the provider billed),
                // under a number of its own, before the record goes back to the lane for the retry.
                Duration wait = retryAfter.orElseGet(() -> backoff.delay(deliveryCount, random));
                Future<Void> ledgered = Future.succeededFuture();
                if (request.attempt() < LaneRetryAttempts.STRIDE && deliveryCount < LaneRetryAttempts.STRIDE) {
                    ledgered = publisher
                            .result(
                                    context,
                                    result(
                                            request,
                                            LaneRetryAttempts.of(request.attempt(), deliveryCount),
                                            made,
                                            Outcome.FAILED,
                                            failureClass,
                                            reason,
                                            usage,
                                            finishReason,
                                            null,
                                            false))
                            .recover(e -> {
                                // The retry must still wait for the provider: a lost ledger line is logged, not a
                                // reason to hammer it.
                                log(request, made)
                                        .addKeyValue("error", e.toString())
                                        .log(
                                                "could not publish the failed call retried in the lane; retrying it anyway");
                                return Future.succeededFuture();
                            });
                }
                return ledgered.compose(v -> {
                    Promise<Disposition> released = Promise.promise();
                    vertx.setTimer(time.timerMillis(wait), t -> released.complete(Disposition.RELEASE));
                    return released.future();
                });
            }
            case FAILOVER: {
                AttemptResult result = result(
                        request,
                        request.attempt(),
                        made,
                        Outcome.FAILED,
                        failureClass,
                        reason,
                        usage,
                        finishReason,
                        null,
                        false);
                return publisher
                        .result(context, result)
                        .compose(v -> publisher.retry(context, request, result))
                        .map(Disposition.ACCEPT);
            }
            default:
                return terminal(context, request, made, failureClass, reason, usage, finishReason)
                        .map(Disposition.REJECT);
        }
    }

    /** A failure nobody retries: published as the job's last attempt. */
    public Future<Void> terminal(
            Context context,
            LaneRequest request,
            Made made,
            FailureClass failureClass,
            String reason,
            Usage usage,
            String finishReason) {
        return publisher.result(
                context,
                result(
                        request,
                        request.attempt(),
                        made,
                        Outcome.FAILED,
                        failureClass,
                        reason,
                        usage,
                        finishReason,
                        null,
                        true));
    }

    /** What {@code usage} of the request's model costs on {@code tier}; nothing for a model this worker lacks. */
    public Money cost(LaneRequest request, Usage usage, ServiceTier tier) {
        return config.providers()
                        .get(provider)
                        .models()
                        .containsKey(request.model().model())
                ? config.price(request.model(), tier).cost(usage)
                : Money.ZERO;
    }

    private AttemptResult result(
            LaneRequest request,
            int attempt,
            Made made,
            Outcome outcome,
            FailureClass failureClass,
            String reason,
            Usage usage,
            String finishReason,
            String artifact,
            boolean terminal) {
        Job job = request.job();
        return new AttemptResult(
                        JobRef.of(job),
                        attempt,
                        request.model().provider(),
                        request.model().model(),
                        request.routingReason(),
                        outcome,
                        failureClass,
                        reason,
                        usage,
                        cost(request, usage, made.tier()),
                        priceTableVersion,
                        made.latencyMs(),
                        made.started(),
                        made.finished(),
                        finishReason,
                        artifact,
                        terminal)
                .onTier(made.tier());
    }

    private org.slf4j.spi.LoggingEventBuilder log(LaneRequest request, Made made) {
        return LOG.atInfo()
                .addKeyValue("runId", request.job().runId())
                .addKeyValue("jobId", request.job().jobId())
                .addKeyValue("provider", provider)
                .addKeyValue("model", request.model().model())
                .addKeyValue("attempt", request.attempt())
                .addKeyValue("delivery", made.deliveryCount())
                .addKeyValue("tier", made.tier().id());
    }
}
