package dev.nightshift.worker.attempt;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
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
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Works one lane record of one provider: builds the prompt, passes the {@link CallGate} (quotas, pause,
 * circuit), calls the provider, costs the usage exactly, publishes the attempt and decides the
 * acknowledgement ({@link OutcomePolicy}).
 */
public final class AttemptRunner implements LaneHandler {
    private final Vertx vertx;
    private final NightshiftConfig config;
    private final String provider;
    private final ProviderClient client;
    private final ResultPublisher publisher;
    private final CallGate gate;
    private final InstantSource clock;
    private final AttemptOutcomes outcomes;
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

        this.clock = time.clock();
        this.outcomes = new AttemptOutcomes(vertx, config, provider, publisher, time, backoff, random, deliveryLimit);
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
            return outcomes.terminal(
                            context,
                            request,
                            made(deliveryCount, clock.instant(), 0),
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
                return outcomes.failed(
                        context,
                        request,
                        made(deliveryCount, clock.instant(), 0),
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
                        ProviderFailure failure = error.failure();
                        return outcomes.failed(
                                context,
                                request,
                                made(deliveryCount, started, latencyMs),
                                failure.failureClass(),
                                failure.reason(),
                                error.billed(),
                                null,
                                failure.retryAfter(),
                                null);
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
            return outcomes.answered(
                    context,
                    request,
                    made(deliveryCount, started, (System.nanoTime() - t0) / 1_000_000),
                    soFar,
                    continuations);
        }
        return gate.admit(context, request).compose(permit -> {
            if (permit.failFast().isPresent()) {
                return outcomes.answered(
                        context,
                        request,
                        made(deliveryCount, started, (System.nanoTime() - t0) / 1_000_000),
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
                        return outcomes.failed(
                                context,
                                request,
                                made(deliveryCount, started, latencyMs),
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

    /** A synchronous call of this delivery that started at {@code started} and ends now. */
    private AttemptOutcomes.Made made(int deliveryCount, Instant started, long latencyMs) {
        return new AttemptOutcomes.Made(deliveryCount, started, clock.instant(), latencyMs, ServiceTier.STANDARD);
    }
}
