package dev.nightshift.worker.attempt;

import dev.nightshift.core.artifact.ReplyTextExtractor;
import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.attempt.LaneRetryAttempts;
import dev.nightshift.core.attempt.ValidationRequest;
import dev.nightshift.core.config.ModelConfig;
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
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.lane.Disposition;
import dev.nightshift.worker.lane.LaneHandler;
import dev.nightshift.worker.metrics.CallEnded;
import dev.nightshift.worker.metrics.WorkerEvents;
import dev.nightshift.worker.prompt.PromptBuilder;
import dev.nightshift.worker.provider.CallRequest;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderClient;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.retry.Backoff;
import dev.nightshift.worker.time.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works one lane record of one provider: builds the prompt, passes the {@link CallGate} (quotas, pause,
 * circuit), calls the provider, costs the usage exactly, publishes the attempt and decides the
 * acknowledgement ({@link OutcomePolicy}).
 */
public final class AttemptRunner implements LaneHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptRunner.class);

    private final Vertx vertx;
    private final NightshiftConfig config;
    private final String provider;
    private final ProviderClient client;
    private final ResultPublisher publisher;
    private final CallGate gate;
    private final InstantSource clock;
    private final TimeScale time;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final int deliveryLimit;
    private final String priceTableVersion;
    private final PromptBuilder prompts = new PromptBuilder();
    private final CallDeadline deadlines;
    private final WorkerEvents events;

    public AttemptRunner(
            Vertx vertx,
            NightshiftConfig config,
            String provider,
            ProviderClient client,
            ResultPublisher publisher,
            CallGate gate,
            InstantSource clock,
            Backoff backoff,
            RandomGenerator random,
            int deliveryLimit) {
        this(
                vertx,
                config,
                provider,
                client,
                publisher,
                gate,
                clock,
                backoff,
                random,
                deliveryLimit,
                WorkerEvents.NONE);
    }

    /** @param events told of each job's start and each provider call's end (metrics) */
    public AttemptRunner(
            Vertx vertx,
            NightshiftConfig config,
            String provider,
            ProviderClient client,
            ResultPublisher publisher,
            CallGate gate,
            InstantSource clock,
            Backoff backoff,
            RandomGenerator random,
            int deliveryLimit,
            WorkerEvents events) {
        this(
                vertx,
                config,
                provider,
                client,
                publisher,
                gate,
                TimeScale.faster(1, clock),
                backoff,
                random,
                deliveryLimit,
                events,
                new CallDeadline(CallDeadline.DEFAULT_FLOOR, CallDeadline.DEFAULT_CEILING));
    }

    /**
     * @param time      the clock results are stamped with, and how a backoff on it becomes a timer ({@link TimeScale#REAL} in
     *                  production)
     * @param deadlines this lane's per-call deadlines, which learn its pace from the answers
     */
    public AttemptRunner(
            Vertx vertx,
            NightshiftConfig config,
            String provider,
            ProviderClient client,
            ResultPublisher publisher,
            CallGate gate,
            TimeScale time,
            Backoff backoff,
            RandomGenerator random,
            int deliveryLimit,
            WorkerEvents events,
            CallDeadline deadlines) {
        this.deadlines = deadlines;
        this.events = events;
        this.vertx = vertx;
        this.config = config;
        this.provider = provider;
        this.client = client;
        this.publisher = publisher;
        this.gate = gate;
        this.time = time;
        this.clock = time.clock();
        this.backoff = backoff;
        this.random = random;
        this.deliveryLimit = deliveryLimit;
        this.priceTableVersion = PriceTableVersion.of(config);
    }

    @Override
    public Future<Disposition> handle(LaneRequest request, int deliveryCount) {
        Context context = vertx.getOrCreateContext();
        Job job = request.job();
        if (request.attempt() == 1 && deliveryCount == 1) {
            events.jobStarted(job);
        }
        ModelConfig model = request.model().provider().equals(provider)
                ? config.providers().get(provider).models().get(request.model().model())
                : null;
        if (model == null) {
            String reason = "model '" + request.model() + "' is not configured for provider '" + provider
                    + "' on this worker; check the router's and the worker's config";
            return publishTerminal(
                            context,
                            request,
                            clock.instant(),
                            clock.instant(),
                            0,
                            FailureClass.BAD_REQUEST,
                            reason,
                            Usage.NOT_REPORTED,
                            null)
                    .map(Disposition.REJECT);
        }
        CallRequest call = new CallRequest(
                        model.name() == null ? request.model().model() : model.name(),
                        prompts.build(request),
                        job.maxOutputTokens())
                .within(deadlines.forCall(job.inputTokens(), job.maxOutputTokens()));
        return gate.admit(context, request).compose(permit -> {
            if (permit.failFast().isPresent()) {
                // The provider is down (open circuit) or out of quota for the day: another one should do the job.
                ProviderFailure refused = permit.failFast().get();
                return failedWithUsage(
                        context,
                        request,
                        deliveryCount,
                        clock.instant(),
                        0,
                        refused.failureClass(),
                        refused.reason(),
                        Usage.NOT_REPORTED,
                        null,
                        Optional.empty(),
                        OutcomePolicy.Step.FAILOVER);
            }
            Instant started = clock.instant();
            long t0 = System.nanoTime();
            events.callStarted(provider);
            String callId = UUID.randomUUID().toString();
            return writtenAheadThenCalled(context, request, deliveryCount, callId, call, Money.ZERO)
                    .transform(ar -> {
                        long latencyNanos = System.nanoTime() - t0;
                        long latencyMs = latencyNanos / 1_000_000;
                        if (ar.succeeded()) {
                            callEnded(request, ar.result(), null, Duration.ofNanos(latencyNanos));
                            permit.succeeded(ar.result(), latencyMs);
                            return continued(
                                    context, request, deliveryCount, callId, started, t0, call, ar.result(), 0);
                        }
                        ProviderCallException error = ar.cause() instanceof ProviderCallException e
                                ? e
                                : new ProviderCallException(new ProviderFailure.Transient(
                                        null,
                                        "unexpected client failure: "
                                                + ar.cause().getClass().getSimpleName()));
                        callEnded(request, null, error, Duration.ofNanos(latencyNanos));
                        permit.failed(error, latencyMs);
                        return failed(context, request, deliveryCount, started, latencyMs, error);
                    });
        });
    }

    /**
     * A document stopped at the output limit is continued, up to {@code docs.continuations} follow-up calls, each
     * admitted by the gate like any call; their usage adds to the attempt's. A follow-up that fails ends the attempt
     * as failed, billed for every call made.
     */
    private Future<Disposition> continued(
            Context context,
            LaneRequest request,
            int deliveryCount,
            String callId,
            Instant started,
            long t0,
            CallRequest call,
            Completion soFar,
            int continuations) {
        if (request.job().docs() == null
                || !soFar.truncated()
                || soFar.text().isBlank()
                || continuations >= config.docs().continuations()) {
            return succeeded(
                    context,
                    request,
                    deliveryCount,
                    started,
                    (System.nanoTime() - t0) / 1_000_000,
                    soFar,
                    continuations);
        }
        return gate.admit(context, request).compose(permit -> {
            if (permit.failFast().isPresent()) {
                return succeeded(
                        context,
                        request,
                        deliveryCount,
                        started,
                        (System.nanoTime() - t0) / 1_000_000,
                        soFar,
                        continuations);
            }
            long c0 = System.nanoTime();
            events.callStarted(provider);
            Money spent = config.price(request.model()).cost(soFar.usage());
            return writtenAheadThenCalled(context, request, deliveryCount, callId, call.continuing(soFar.text()), spent)
                    .transform(ar -> {
                        long callNanos = System.nanoTime() - c0;
                        long latencyMs = (System.nanoTime() - t0) / 1_000_000;
                        if (ar.succeeded()) {
                            callEnded(request, ar.result(), null, Duration.ofNanos(callNanos));
                            permit.succeeded(ar.result(), callNanos / 1_000_000);
                            Completion joined = soFar.continuedBy(
                                    ar.result(),
                                    client.joinContinuation(
                                            soFar.text(), ar.result().text()));
                            return continued(
                                    context,
                                    request,
                                    deliveryCount,
                                    callId,
                                    started,
                                    t0,
                                    call,
                                    joined,
                                    continuations + 1);
                        }
                        ProviderCallException error = ar.cause() instanceof ProviderCallException e
                                ? e
                                : new ProviderCallException(new ProviderFailure.Transient(
                                        null,
                                        "unexpected client failure: "
                                                + ar.cause().getClass().getSimpleName()));
                        callEnded(request, null, error, Duration.ofNanos(callNanos));
                        permit.failed(error, callNanos / 1_000_000);
                        ProviderFailure failure = error.failure();
                        return failedWithUsage(
                                context,
                                request,
                                deliveryCount,
                                started,
                                latencyMs,
                                failure.failureClass(),
                                "continuing a reply cut at the output limit: " + failure.reason(),
                                soFar.usage().plus(error.billed()),
                                null,
                                failure.retryAfter(),
                                null);
                    });
        });
    }

    /**
     * Writes the call ahead ({@link CallStarted}: acknowledged by Kafka before the request leaves), then makes it, so a
     * call the provider may bill is on the books even if this worker dies while it runs. A call that could not be
     * written ahead is not made: it fails as transient and is retried like a dropped connection. The continuations of a
     * reply are written under its first call's id, with the bound widened by what the reply so far cost.
     */
    private Future<Completion> writtenAheadThenCalled(
            Context context,
            LaneRequest request,
            int deliveryCount,
            String callId,
            CallRequest call,
            Money spentBefore) {
        CallStarted ahead = WriteAhead.of(
                request,
                deliveryCount,
                callId,
                call,
                config.price(request.model()),
                spentBefore,
                request.job().simulated(),
                clock.instant());
        return publisher
                .callStarted(context, ahead, request.job().tenant())
                .recover(e -> Future.failedFuture(new ProviderCallException(new ProviderFailure.Transient(
                        null,
                        "not called: the call could not be written ahead to Kafka ("
                                + e.getClass().getSimpleName() + ")"))))
                .compose(v -> client.complete(call));
    }

    /**
     * A blank answer is billed but counts as a failed attempt, as it is published; so does a call that failed
     * after the provider billed it (a reply the content filter emptied).
     */
    private void callEnded(LaneRequest request, Completion completion, ProviderCallException error, Duration latency) {
        Job job = request.job();
        if (completion != null) {
            deadlines.answered(completion.usage().outputOrZero(), latency);
        }
        Usage usage = completion != null ? completion.usage() : error.billed();
        FailureClass failureClass = completion == null
                ? error.failure().failureClass()
                : completion.text().isBlank() ? FailureClass.INVALID_OUTPUT : null;
        Money cost = config.price(request.model()).cost(usage);
        Money baseline = config.baseline() == null
                ? null
                : config.price(config.baseline()).cost(usage);
        events.callEnded(new CallEnded(
                provider,
                request.model().model(),
                job.task(),
                job.tenant(),
                failureClass == null ? Outcome.SUCCEEDED : Outcome.FAILED,
                failureClass,
                usage,
                cost,
                baseline,
                latency));
    }

    private Future<Disposition> succeeded(
            Context context,
            LaneRequest request,
            int deliveryCount,
            Instant started,
            long latencyMs,
            Completion completion,
            int continuations) {
        if (completion.text().isBlank()) {
            return failedWithUsage(
                    context,
                    request,
                    deliveryCount,
                    started,
                    latencyMs,
                    FailureClass.INVALID_OUTPUT,
                    "the model returned no text (finish reason " + completion.finishReason() + ")",
                    completion.usage(),
                    completion.finishReason(),
                    Optional.empty(),
                    null);
        }
        Job job = request.job();
        if (job.docs() != null) {
            return reviewed(context, request, deliveryCount, started, latencyMs, completion, continuations);
        }
        AttemptResult result = result(
                request,
                started,
                clock.instant(),
                latencyMs,
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
            log(request, deliveryCount)
                    .addKeyValue("latencyMs", latencyMs)
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
            Context context,
            LaneRequest request,
            int deliveryCount,
            Instant started,
            long latencyMs,
            Completion completion,
            int continuations) {
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
                            started,
                            clock.instant(),
                            latencyMs,
                            Outcome.SUCCEEDED,
                            null,
                            null,
                            completion.usage(),
                            completion.finishReason(),
                            completion.text(),
                            true)
                    .withDocsReview(review);
            return publisher.result(context, result).map(v -> {
                log(request, deliveryCount)
                        .addKeyValue("latencyMs", latencyMs)
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
                        started,
                        clock.instant(),
                        latencyMs,
                        Outcome.FAILED,
                        rejection,
                        reason,
                        completion.usage(),
                        completion.finishReason(),
                        completion.text(),
                        false)
                .withDocsReview(review);
        log(request, deliveryCount).addKeyValue("failureClass", rejection).log("attempt failed: " + reason);
        return publisher
                .result(context, result)
                .compose(v -> publisher.retry(context, request, result))
                .map(Disposition.ACCEPT);
    }

    /** A failed call is ledgered with what the provider billed for it, if anything. */
    private Future<Disposition> failed(
            Context context,
            LaneRequest request,
            int deliveryCount,
            Instant started,
            long latencyMs,
            ProviderCallException error) {
        ProviderFailure failure = error.failure();
        return failedWithUsage(
                context,
                request,
                deliveryCount,
                started,
                latencyMs,
                failure.failureClass(),
                failure.reason(),
                error.billed(),
                null,
                failure.retryAfter(),
                null);
    }

    private Future<Disposition> failedWithUsage(
            Context context,
            LaneRequest request,
            int deliveryCount,
            Instant started,
            long latencyMs,
            FailureClass failureClass,
            String reason,
            Usage usage,
            String finishReason,
            Optional<Duration> retryAfter,
            OutcomePolicy.Step forced) {
        OutcomePolicy.Step step =
                forced != null ? forced : OutcomePolicy.afterFailure(failureClass, deliveryCount, deliveryLimit);
        log(request, deliveryCount)
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
                                            started,
                                            clock.instant(),
                                            latencyMs,
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
                                log(request, deliveryCount)
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
                        started,
                        clock.instant(),
                        latencyMs,
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
                return publishTerminal(
                                context,
                                request,
                                started,
                                clock.instant(),
                                latencyMs,
                                failureClass,
                                reason,
                                usage,
                                finishReason)
                        .map(Disposition.REJECT);
        }
    }

    private Future<Void> publishTerminal(
            Context context,
            LaneRequest request,
            Instant started,
            Instant finished,
            long latencyMs,
            FailureClass failureClass,
            String reason,
            Usage usage,
            String finishReason) {
        return publisher.result(
                context,
                result(
                        request,
                        started,
                        finished,
                        latencyMs,
                        Outcome.FAILED,
                        failureClass,
                        reason,
                        usage,
                        finishReason,
                        null,
                        true));
    }

    private AttemptResult result(
            LaneRequest request,
            Instant started,
            Instant finished,
            long latencyMs,
            Outcome outcome,
            FailureClass failureClass,
            String reason,
            Usage usage,
            String finishReason,
            String artifact,
            boolean terminal) {
        return result(
                request,
                request.attempt(),
                started,
                finished,
                latencyMs,
                outcome,
                failureClass,
                reason,
                usage,
                finishReason,
                artifact,
                terminal);
    }

    private AttemptResult result(
            LaneRequest request,
            int attempt,
            Instant started,
            Instant finished,
            long latencyMs,
            Outcome outcome,
            FailureClass failureClass,
            String reason,
            Usage usage,
            String finishReason,
            String artifact,
            boolean terminal) {
        Job job = request.job();
        Money cost = config.providers()
                        .get(provider)
                        .models()
                        .containsKey(request.model().model())
                ? config.price(request.model()).cost(usage)
                : Money.ZERO;
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
                cost,
                priceTableVersion,
                latencyMs,
                started,
                finished,
                finishReason,
                artifact,
                terminal);
    }

    private org.slf4j.spi.LoggingEventBuilder log(LaneRequest request, int deliveryCount) {
        return LOG.atInfo()
                .addKeyValue("runId", request.job().runId())
                .addKeyValue("jobId", request.job().jobId())
                .addKeyValue("provider", provider)
                .addKeyValue("model", request.model().model())
                .addKeyValue("attempt", request.attempt())
                .addKeyValue("delivery", deliveryCount);
    }
}
