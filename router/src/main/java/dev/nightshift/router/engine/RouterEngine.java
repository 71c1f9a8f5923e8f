package dev.nightshift.router.engine;

import dev.nightshift.core.attempt.FailedAttempt;
import dev.nightshift.core.batch.BatchTurnarounds;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.CancelledByBudget;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.event.NotRouted;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.event.ServedFromCache;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.ContentKeys;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.RoutePosition;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.routerstate.JobRouting;
import dev.nightshift.core.routerstate.RouterState;
import dev.nightshift.core.routerstate.RunBudget;
import dev.nightshift.core.routerstate.TenantDaySpend;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.validation.Repair;
import dev.nightshift.router.batch.BatchChoice;
import dev.nightshift.router.budget.Admission;
import dev.nightshift.router.budget.AttemptKey;
import dev.nightshift.router.budget.BudgetLedger;
import dev.nightshift.router.budget.ReserveMode;
import dev.nightshift.router.failover.RetryPlan;
import dev.nightshift.router.failover.RetryPlanner;
import dev.nightshift.router.health.HealthBoard;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RouteDecision;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.RoutingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's state machine: each input (a planned job, a failed attempt, a settled attempt, a run's
 * budget, a health report) goes in, the records to publish come out. Single-threaded by design — the Kafka
 * loop that owns it calls it from its one thread — so budgets and health need no locks.
 */
public final class RouterEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RouterEngine.class);

    private final NightshiftConfig config;
    private final RoutingPolicy policy;
    private final RetryPlanner retries;
    private final HealthBoard health;
    private final BudgetLedger budgets;
    private final OutputExpectation expectation;
    private final InstantSource clock;
    private final RouterEvents events;
    private final CachedWork cache;
    /** Failed attempts already acted on, by job ("runId/jobId"), so a redelivered one is not routed twice. */
    private final Map<String, Set<Integer>> retriesHandled = new HashMap<>();
    /** New jobs sent to a lane and not yet ended ("runId/jobId"): what the dispatch window counts. */
    private final Set<String> dispatched = new HashSet<>();
    /** The generation of each job the router holds ("runId/jobId"), for a stop that comes while it is on its way. */
    private final Map<String, Integer> generations = new HashMap<>();
    /** Each run's standing when someone interrupted, resumed or cancelled it. */
    private final Map<String, RunControl> controls = new HashMap<>();
    /** Evaluation arms: run id → the one model its jobs go to (a chain of that model alone). */
    private final Map<String, ModelRef> evaluationArms = new HashMap<>();
    /**
     * Attempts whose budgets had no room beside the holds of attempts in flight ("runId/jobId"), oldest first: each
     * settlement sends those that fit now and cancels those that never will.
     */
    private final Map<String, WaitingAttempt> waitingForBudget = new LinkedHashMap<>();
    /** Runs whose budget has refused a job, so that the first refusal of a run is the one logged as a warning. */
    private final Set<String> refusedByBudget = new HashSet<>();
    /** Which job does which work now, and the jobs of the same work waiting for it. */
    private final SameWork sameWork = new SameWork();
    /** The tenant of each run the router has seen: whose partition its state is written to. */
    private final Map<String, String> runTenants = new HashMap<>();
    /** Jobs ("runId/jobId") and runs whose state changed since {@link #stateChanges} last asked. */
    private final Set<String> touchedJobs = new LinkedHashSet<>();

    private final Set<String> touchedRuns = new LinkedHashSet<>();
    /** Each run's deadline ({@code --deadline}): its jobs that can wait go to the providers' batch lanes. */
    private final Map<String, Instant> runDeadlines = new HashMap<>();
    /** The providers' batch turnarounds as seen on the results, which decide what still fits before a deadline. */
    private final BatchTurnarounds turnarounds;
    /** Whether a call goes to its provider's batch lane. */
    private final BatchChoice batchChoice;
    /**
     * Calls sent to a lane, by tier. {@code nightshift.jobs.routed} has no tier tag, so the split is counted here and
     * logged with each call ({@code tier=…}).
     */
    private final Map<ServiceTier, Long> routedByTier = new EnumMap<>(ServiceTier.class);

    public RouterEngine(
            NightshiftConfig config,
            RoutingPolicy policy,
            RetryPlanner retries,
            HealthBoard health,
            BudgetLedger budgets,
            OutputExpectation expectation,
            InstantSource clock) {
        this(config, policy, retries, health, budgets, expectation, clock, RouterEvents.NONE);
    }

    public RouterEngine(
            NightshiftConfig config,
            RoutingPolicy policy,
            RetryPlanner retries,
            HealthBoard health,
            BudgetLedger budgets,
            OutputExpectation expectation,
            InstantSource clock,
            RouterEvents events) {
        this(config, policy, retries, health, budgets, expectation, clock, events, CachedWork.NONE);
    }

    /**
     * @param cache the artifact cache's entries: a job whose work is in it is answered from the cache, not routed
     */
    public RouterEngine(
            NightshiftConfig config,
            RoutingPolicy policy,
            RetryPlanner retries,
            HealthBoard health,
            BudgetLedger budgets,
            OutputExpectation expectation,
            InstantSource clock,
            RouterEvents events,
            CachedWork cache) {
        this(config, policy, retries, health, budgets, expectation, clock, events, cache, BatchChoice.DEFAULT_MARGIN);
    }

    /**
     * @param cache       the artifact cache's entries: a job whose work is in it is answered from the cache, not routed
     * @param batchMargin for runs with a deadline, the time kept free before it (see {@link BatchChoice})
     */
    public RouterEngine(
            NightshiftConfig config,
            RoutingPolicy policy,
            RetryPlanner retries,
            HealthBoard health,
            BudgetLedger budgets,
            OutputExpectation expectation,
            InstantSource clock,
            RouterEvents events,
            CachedWork cache,
            Duration batchMargin) {
        this.turnarounds = new BatchTurnarounds(config);
        this.batchChoice =
                new BatchChoice(config, turnarounds, retries.settings().repairRounds(), batchMargin);
        this.cache = cache;
        this.events = events;
        this.config = config;
        this.policy = policy;
        this.retries = retries;
        this.health = health;
        this.budgets = budgets;
        this.expectation = expectation;
        this.clock = clock;
    }

    /**
     * A planned job: answered from the artifact cache when the same work has an artifact, else to its lane, or
     * ended at once when no model can take it or its budget cannot cover it.
     */
    public List<Outbound> onJob(Job job) {
        return onJob(job, 0);
    }

    /**
     * A planned job of a run's {@code generation} (0 for its first plan, one more for each resume); a job of a
     * generation its run's control stops is dropped: it waits, unrouted, for a resume that publishes it again.
     */
    public List<Outbound> onJob(Job job, int generation) {
        runTenants.put(job.runId(), job.tenant());
        if (stopped(job.runId(), generation)) {
            LOG.atDebug()
                    .addKeyValue("runId", job.runId())
                    .addKeyValue("jobId", job.jobId())
                    .log("not routed: the run is {}", controls.get(job.runId()).action());

            return List.of();
        }
        if (job.awaitingChildren()) {
            // A folder's or the repository's document as planned belongs on nightshift.docs-awaiting, where the sink
            // composes it and publishes it here once its children's documents exist; its input is not whole before.
            LOG.atWarn()
                    .addKeyValue("runId", job.runId())
                    .addKeyValue("jobId", job.jobId())
                    .log("not routed: a document awaiting its children's came on the jobs topic");
            return List.of();
        }
        Optional<RouteRule> arm = evaluationArm(job);
        if (arm.isPresent()) {
            // Every candidate model must answer the sample itself: no cache, no other model.
            return routeOrFail(
                    job, policy.choose(job, arm.get(), 0, health, "evaluation arm: "), RoutePosition.first(generation));
        }
        String work = ContentKeys.entry(job);
        if (cache.has(work)) {
            // Same work, same prompts, already answered: no model, no budget hold, nothing to pay.
            LOG.atDebug()
                    .addKeyValue("runId", job.runId())
                    .addKeyValue("jobId", job.jobId())
                    .addKeyValue("attempt", 1)
                    .log("served from the artifact cache");
            return List.of(new Outbound.Terminal(new ServedFromCache(JobRef.of(job), clock.instant(), null, null)));
        }
        String jobKey = JobKey.of(job);
        if (sameWork.doneByAnother(work, jobKey)) {
            // Another job is doing this very work right now: wait for its answer rather than pay for it twice.
            sameWork.waitFor(work, job, generation);
            dispatched.add(jobKey);
            generations.put(jobKey, generation);
            touchedJobs.add(jobKey);
            LOG.atDebug()
                    .addKeyValue("runId", job.runId())
                    .addKeyValue("jobId", job.jobId())
                    .log("waits for the same work in flight");
            return List.of();
        }
        List<Outbound> out = routeOrFail(job, policy.route(job, health), RoutePosition.first(generation));
        if (dispatched.contains(jobKey) || out.stream().anyMatch(o -> o instanceof Outbound.ToLane)) {
            sameWork.doing(work, jobKey);
        }
        return out;
    }

    private List<Outbound> routeOrFail(Job job, RouteDecision decision, RoutePosition position) {
        if (decision instanceof RouteDecision.Routed routed) {
            List<Outbound> out = send(job, routed.model(), routed.reason(), 1, null, position);
            String jobKey = JobKey.of(job);
            if (out.stream().anyMatch(RouterEngine::synchronous) || waitingForBudget.containsKey(jobKey)) {
                // A job waiting for budget keeps its place in the window: the window bounds what the router holds.
                // A job in a provider batch takes none: it may wait hours, and batches are worth filling.
                dispatched.add(jobKey);
            }
            return out;
        }
        RouteDecision.Unroutable no = (RouteDecision.Unroutable) decision;
        return List.of(fail(job, NotRouted.Why.NO_CAPABLE_MODEL, no.firstChoice(), no.failureClass(), no.reason()));
    }

    private static boolean synchronous(Outbound out) {
        return out instanceof Outbound.ToLane lane && lane.request().tier() == ServiceTier.STANDARD;
    }

    /**
     * A run that is one arm of a model evaluation: its jobs go to {@code model} alone — repaired on it as usual,
     * never escalated or failed over to another model, never answered from the cache.
     */
    public List<Outbound> onEvaluationArm(String runId, ModelRef model) {
        evaluationArms.put(runId, model);
        touchedRuns.add(runId);
        return List.of();
    }

    private Optional<RouteRule> evaluationArm(Job job) {
        return Optional.ofNullable(evaluationArms.get(job.runId()))
                .map(model -> RouteRule.forTask("evaluation of " + model, job.task(), List.of(model)));
    }

    /** The chain a job follows: its evaluation arm's single model, or the policy's matching rule. */
    private Optional<RouteRule> ruleOf(Job job) {
        return evaluationArm(job).or(() -> policy.ruleFor(job));
    }

    /**
     * A failed attempt from {@code nightshift.retry}: the next model of the chain, or the end of the job, planned from
     * the record alone (its lane request carries the job and where it stands on its route). Its settlement may make
     * room for attempts waiting for budget, which go first.
     */
    public List<Outbound> onRetry(FailedAttempt failedAttempt) {
        settle(failedAttempt.attempt());
        List<Outbound> out = new ArrayList<>(admitWaiting());
        out.addAll(nextAttempt(failedAttempt));
        return out;
    }

    private List<Outbound> nextAttempt(FailedAttempt failedAttempt) {
        AttemptResult failed = failedAttempt.attempt();
        LaneRequest request = failedAttempt.request();
        RoutePosition position = request.position();
        String jobKey = JobKey.of(failed.runId(), failed.jobId());
        if (!retriesHandled.computeIfAbsent(jobKey, k -> new HashSet<>()).add(failed.attempt())) {
            return List.of();
        }
        touchedJobs.add(jobKey);
        int next = failed.attempt() + 1;
        if (stopped(failed.runId(), position.generation())) {
            // The run was interrupted or cancelled: the job's next attempt waits for a resume, which plans it again.
            return planAgain(endJob(failed.runId(), failed.jobId()));
        }
        FailureClass fc = failed.failureClass() == null ? FailureClass.TRANSIENT : failed.failureClass();
        Job job = fc == FailureClass.OUTPUT_TRUNCATED ? largerOutput(request.job()) : request.job();
        RetryPlan plan =
                retries.plan(job, failed, position.escalations(), position.repairsOnModel(), health, ruleOf(job));
        if (plan instanceof RetryPlan.Repair r) {
            return send(job, r.model(), r.reason(), next, r.repair(), position.repaired());
        }
        if (plan instanceof RetryPlan.Resubmit again) {
            // Where the job stood, repair and all: the call is made again, to a batch if the deadline still allows.
            return send(job, again.model(), again.reason(), next, request.repair(), position);
        }
        if (plan instanceof RetryPlan.Next n) {
            return send(job, n.routed().model(), n.routed().reason(), next, null, position.movedOn(n.escalation()));
        }
        RetryPlan.GiveUp giveUp = (RetryPlan.GiveUp) plan;
        return List.of(
                fail(job, NotRouted.Why.ROUTE_EXHAUSTED, giveUp.lastModel(), giveUp.failureClass(), giveUp.reason()));
    }

    /** The most output a document escalated for truncation is given: several times a file's budget, within models' limits. */
    static final int MOST_OUTPUT_TOKENS = 32_768;

    /** The job with twice its output budget: a reply cut at the limit escalates to a model given room to finish. */
    static Job largerOutput(Job job) {
        int larger = Math.min(MOST_OUTPUT_TOKENS, Math.max(job.maxOutputTokens(), job.maxOutputTokens() * 2));
        return new Job(
                job.jobId(),
                job.runId(),
                job.tenant(),
                job.repository(),
                job.commit(),
                job.task(),
                job.unitPath(),
                job.language(),
                job.contentHash(),
                job.promptVersion(),
                job.content(),
                job.inputTokens(),
                larger,
                job.simulated(),
                job.testTarget(),
                job.docs());
    }

    /**
     * An event on {@code nightshift.results}: an attempt books its cost; a terminal event ends the job's bookkeeping.
     * What it held is free again for attempts waiting for budget; jobs that waited for the same work are answered with
     * its answer, or planned again when it has none.
     */
    public List<Outbound> onEvent(JobEvent event) {
        if (event instanceof AttemptResult attempt) {
            settle(attempt);
            turnarounds.observe(attempt);
        }
        List<Outbound> out = new ArrayList<>(admitWaiting());
        if (event.terminal()) {
            List<SameWork.Waiting> waited = endJob(event.runId(), event.jobId());
            String answer = answerOf(event);
            out.addAll(answer != null ? answerWith(event.job(), answer, waited) : planAgain(waited));
        }
        return out;
    }

    /** The reply text a terminal event gives the job's work, or {@code null} when it ended without one. */
    private static String answerOf(JobEvent event) {
        if (event instanceof AttemptResult a) {
            return a.outcome() == Outcome.SUCCEEDED ? a.artifact() : null;
        }
        return event instanceof ServedFromCache s ? s.artifact() : null;
    }

    /**
     * A lane request the workers gave up on ({@code dlq.nightshift.lane.*}): the sink records the job as
     * dead-lettered; the router ends its bookkeeping as for a terminal result, so its budget hold and its place in
     * the dispatch window are freed.
     */
    public List<Outbound> onDeadLetter(LaneRequest request) {
        // No result will settle its attempt: its hold is let go of here, or budgets would stay short of it for good.
        budgets.release(request.job().runId(), request.job().jobId());
        List<SameWork.Waiting> waited =
                endJob(request.job().runId(), request.job().jobId());
        List<Outbound> out = new ArrayList<>(admitWaiting());
        out.addAll(planAgain(waited));
        return out;
    }

    /** Ends the job's bookkeeping; returns the jobs that waited for it to do their work (see {@link SameWork}). */
    private List<SameWork.Waiting> endJob(String runId, String jobId) {
        String jobKey = JobKey.of(runId, jobId);
        touchedJobs.add(jobKey);
        dispatched.remove(jobKey);
        generations.remove(jobKey);
        retriesHandled.remove(jobKey);
        waitingForBudget.remove(jobKey);
        budgets.jobEnded(runId, jobId);
        return sameWork.ended(jobKey);
    }

    /** Jobs whose doer of the same work ended without an answer: each is planned again, the first doing the work. */
    private List<Outbound> planAgain(List<SameWork.Waiting> waited) {
        List<Outbound> out = new ArrayList<>();
        for (SameWork.Waiting w : waited) {
            if (generations.containsKey(JobKey.of(w.job()))) {
                out.addAll(onJob(w.job(), w.generation()));
            }
        }
        return out;
    }

    /** Jobs waiting for the same work, answered with the artifact of the job that did it. */
    private List<Outbound> answerWith(JobRef done, String answer, List<SameWork.Waiting> waited) {
        List<Outbound> out = new ArrayList<>();
        for (SameWork.Waiting w : waited) {
            LOG.atDebug()
                    .addKeyValue("runId", w.job().runId())
                    .addKeyValue("jobId", w.job().jobId())
                    .log("answered by job {} of run {}, which did the same work", done.jobId(), done.runId());
            out.add(new Outbound.Terminal(new ServedFromCache(JobRef.of(w.job()), clock.instant(), done, answer)));
        }
        return out;
    }

    /** Calls this router has sent to a lane on {@code tier} since it started (first tries and retries alike). */
    public long routed(ServiceTier tier) {
        return routedByTier.getOrDefault(tier, 0L);
    }

    /** New jobs routed to a lane whose end the router has not seen yet. */
    public int jobsInFlight() {
        return dispatched.size();
    }

    /**
     * A run's new standing. A stop ends the bookkeeping of the run's jobs it stops (their budget holds and places in
     * the dispatch window are freed): calls already under way still answer and are booked, the rest of the run's
     * queued work is dropped where it waits (here, and by the workers for what is in the lanes).
     */
    public List<Outbound> onRunControl(RunControl control) {
        controls.put(control.runId(), control);
        if (control.halted()) {
            String prefix = control.runId() + "/";
            List<String> held = generations.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix) && control.stops(e.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            List<SameWork.Waiting> waited = new ArrayList<>();
            held.forEach(key -> {
                String jobId = key.substring(prefix.length());
                budgets.release(control.runId(), jobId);
                waited.addAll(endJob(control.runId(), jobId));
            });
            LOG.atInfo()
                    .addKeyValue("runId", control.runId())
                    .addKeyValue("released", held.size())
                    .log("run {}: {}", control.action().name().toLowerCase(java.util.Locale.ROOT), control.reason());
            List<Outbound> out = new ArrayList<>(admitWaiting());
            // Other runs' jobs that waited for a stopped job's work do it themselves now.
            out.addAll(planAgain(waited));
            return out;
        }
        return List.of();
    }

    private boolean stopped(String runId, int generation) {
        RunControl control = controls.get(runId);
        return control != null && control.stops(generation);
    }

    /** A run's own budget (its {@code --max-cost}). */
    public List<Outbound> onRunBudget(String runId, String tenant, Money maxCost) {
        runTenants.put(runId, tenant);
        budgets.runLimit(runId, maxCost);
        reportBudget(runId, tenant);
        return admitWaiting();
    }

    /**
     * A run's deadline ({@code --deadline}, {@code --within}): from now on its jobs that can wait go to the providers'
     * batch lanes. Kept with the run's state, so a router that restarts routes by it too.
     */
    public List<Outbound> onRunDeadline(String runId, String tenant, Instant deadline) {
        runTenants.put(runId, tenant);
        if (deadline != null && !deadline.equals(runDeadlines.put(runId, deadline))) {
            touchedRuns.add(runId);
            LOG.atInfo()
                    .addKeyValue("runId", runId)
                    .addKeyValue("deadline", deadline)
                    .log("run has a deadline: jobs that can wait go to provider batches");
        }
        return List.of();
    }

    public List<Outbound> onHealth(ProviderHealth report) {
        health.report(report);
        return List.of();
    }

    private List<Outbound> send(
            Job job, ModelRef model, String reason, int attempt, Repair repair, RoutePosition position) {
        String jobKey = JobKey.of(job);
        generations.put(jobKey, position.generation());
        touchedJobs.add(jobKey);
        BatchChoice.Decision tier = batchChoice.decide(
                job.task(),
                job.docs() == null ? null : job.docs().level(),
                model,
                position.repairsOnModel(),
                runDeadlines.get(job.runId()),
                clock.instant());
        if (!tier.reason().isEmpty()) {
            reason = reason + "; " + tier.reason();
        }
        Admission admission = budgets.admit(
                new AttemptKey(job.runId(), job.jobId(), attempt),
                job.tenant(),
                today(),
                reservation(job, model, tier.tier()));
        if (admission instanceof Admission.Refused refused) {
            // A run's first refusal is worth a warning; the ones after it are the same story.
            (refusedByBudget.add(job.runId()) ? LOG.atWarn() : LOG.atDebug())
                    .addKeyValue("runId", job.runId())
                    .addKeyValue("jobId", job.jobId())
                    .addKeyValue("provider", model.provider())
                    .addKeyValue("model", model.model())
                    .addKeyValue("attempt", attempt)
                    .log("cancelled by budget: {}", refused.reason());
            return List.of(new Outbound.Terminal(
                    new CancelledByBudget(JobRef.of(job), clock.instant(), model, refused.reason() + "; " + reason)));
        }
        if (admission instanceof Admission.Wait wait) {
            if (waitingForBudget.put(jobKey, new WaitingAttempt(job, model, reason, attempt, repair, position))
                    == null) {
                LOG.atDebug()
                        .addKeyValue("runId", job.runId())
                        .addKeyValue("jobId", job.jobId())
                        .addKeyValue("attempt", attempt)
                        .log("waits for budget: {}", wait.reason());
            }
            return List.of();
        }
        if (tier.batch()) {
            // In a provider batch the job waits for hours: it gives its place in the dispatch window to another.
            dispatched.remove(jobKey);
        } else {
            health.sent(model.provider());
        }
        events.routed(model, job.task());
        routedByTier.merge(tier.tier(), 1L, Long::sum);
        reportBudget(job.runId(), job.tenant());
        LOG.atDebug()
                .addKeyValue("runId", job.runId())
                .addKeyValue("jobId", job.jobId())
                .addKeyValue("provider", model.provider())
                .addKeyValue("model", model.model())
                .addKeyValue("attempt", attempt)
                .addKeyValue("tier", tier.tier().id())
                .log("routed: {}", reason);
        return List.of(new Outbound.ToLane(
                new LaneRequest(job, model, reason, attempt, repair, position).onTier(tier.tier()),
                position.generation()));
    }

    /** Sends, in the order they came, the attempts waiting for budget that fit now; cancels those that never will. */
    private List<Outbound> admitWaiting() {
        if (waitingForBudget.isEmpty()) {
            return List.of();
        }
        List<Outbound> out = new ArrayList<>();
        for (WaitingAttempt w : List.copyOf(waitingForBudget.values())) {
            waitingForBudget.remove(JobKey.of(w.job()));
            out.addAll(send(w.job(), w.model(), w.reason(), w.attempt(), w.repair(), w.position()));
        }
        return out;
    }

    /** Attempts waiting for budget now. */
    public int waitingForBudget() {
        return waitingForBudget.size();
    }

    private record WaitingAttempt(
            Job job, ModelRef model, String reason, int attempt, Repair repair, RoutePosition position) {}

    private Outbound fail(Job job, NotRouted.Why why, ModelRef model, FailureClass fc, String reason) {
        LOG.atWarn()
                .addKeyValue("runId", job.runId())
                .addKeyValue("jobId", job.jobId())
                .addKeyValue("why", why)
                .log("job failed by the router: {}", reason);
        return new Outbound.Terminal(new NotRouted(JobRef.of(job), clock.instant(), why, fc, model, reason));
    }

    /** What a synchronous attempt holds against its budgets until it settles (see {@link ReserveMode}). */
    public Money reservation(Job job, ModelRef model) {
        return reservation(job, model, ServiceTier.STANDARD);
    }

    /** What an attempt on {@code tier} holds: at the batch price in a provider batch, so a budget fits more of them. */
    public Money reservation(Job job, ModelRef model, ServiceTier tier) {
        ModelConfig m = config.model(model);
        ModelConfig priced = tier == ServiceTier.STANDARD
                ? m
                : new ModelConfig(m.name(), m.contextWindow(), config.price(model, tier));
        if (budgets.settings().reserve() == ReserveMode.EXPECTED) {
            return priced.price()
                    .estimate(
                            job.inputTokens(),
                            expectation.expectedOutput(job.task(), job.inputTokens(), job.maxOutputTokens()));
        }
        return policy.constraints().worstCaseCost(job, priced);
    }

    private void settle(AttemptResult r) {
        runTenants.putIfAbsent(r.runId(), r.tenant());
        touchedJobs.add(JobKey.of(r.runId(), r.jobId()));
        Instant at = r.finishedAt() == null ? clock.instant() : r.finishedAt();
        String tenant = r.tenant() == null ? "default" : r.tenant();
        budgets.settle(
                new AttemptKey(r.runId(), r.jobId(), r.attempt()),
                tenant,
                LocalDate.ofInstant(at, ZoneOffset.UTC),
                r.cost());
        reportBudget(r.runId(), tenant);
    }

    private void reportBudget(String runId, String tenant) {
        budgets.runLimitOf(runId)
                .ifPresent(limit -> events.runBudget(
                        runId, tenant, limit, budgets.runSpent(runId).plus(budgets.runHeld(runId))));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // --- State kept on Kafka (see RouterState): written after each batch, read back when given a tenant's partition.

    /** The state records of what changed since the last call: a record per job, run and tenant day, or its deletion. */
    public List<StateChange> stateChanges() {
        List<StateChange> changes = new ArrayList<>();
        for (String jobKey : touchedJobs) {
            int slash = jobKey.indexOf('/');
            String runId = jobKey.substring(0, slash);
            String tenant = runTenants.getOrDefault(runId, "default");
            JobRouting state = jobState(runId, jobKey.substring(slash + 1), tenant);
            changes.add(
                    state == null
                            ? StateChange.deleted(RouterState.jobKey(runId, jobKey.substring(slash + 1)), tenant)
                            : StateChange.of(state));
        }
        BudgetLedger.Touched budgetsTouched = budgets.drainTouched();
        Set<String> runs = new LinkedHashSet<>(touchedRuns);
        runs.addAll(budgetsTouched.runs());
        for (String runId : runs) {
            changes.add(StateChange.of(
                    budgets.runState(runId, runTenants.getOrDefault(runId, "default"), evaluationArms.get(runId))
                            .withDeadline(runDeadlines.get(runId))));
        }
        budgetsTouched
                .tenantDays()
                .forEach(d -> changes.add(StateChange.of(budgets.tenantDayState(d.tenant(), d.day()))));
        touchedJobs.clear();
        touchedRuns.clear();
        return changes;
    }

    /** The job's state now, or {@code null} when the router holds nothing of it. */
    private JobRouting jobState(String runId, String jobId, String tenant) {
        String jobKey = JobKey.of(runId, jobId);
        List<JobRouting.HeldAttempt> holds = budgets.holdsOf(runId, jobId);
        List<Integer> settled = budgets.settledOf(runId, jobId);
        Set<Integer> retried = retriesHandled.getOrDefault(jobKey, Set.of());
        Integer generation = generations.get(jobKey);
        if (generation == null && holds.isEmpty() && settled.isEmpty() && retried.isEmpty()) {
            return null;
        }
        WaitingAttempt w = waitingForBudget.get(jobKey);
        SameWork.Waiting waitingForWork = sameWork.waitingOf(jobKey);
        return new JobRouting(
                runId,
                jobId,
                tenant,
                generation == null ? 0 : generation,
                dispatched.contains(jobKey),
                holds,
                settled,
                retried.stream().sorted().toList(),
                w == null
                        ? null
                        : new LaneRequest(w.job(), w.model(), w.reason(), w.attempt(), w.repair(), w.position()),
                sameWork.workDoneBy(jobKey),
                sameWork.workAwaitedBy(jobKey),
                waitingForWork == null ? null : waitingForWork.job());
    }

    /**
     * Takes up state written before (by this router before a restart, or by the router that held the partition). A job
     * of a run stopped meanwhile is not taken up: its hold is let go of, as the stop did for the jobs the router held.
     */
    public void restore(RouterState state) {
        if (state instanceof RunBudget run) {
            runTenants.putIfAbsent(run.runId(), run.tenant());
            budgets.restore(run);
            if (run.evaluationModel() != null) {
                evaluationArms.put(run.runId(), run.evaluationModel());
            }
            if (run.deadline() != null) {
                runDeadlines.put(run.runId(), run.deadline());
            }
        } else if (state instanceof JobRouting job) {
            runTenants.putIfAbsent(job.runId(), job.tenant());
            restoreJob(job);
        } else {
            budgets.restore((TenantDaySpend) state);
        }
    }

    private void restoreJob(JobRouting job) {
        String jobKey = JobKey.of(job.runId(), job.jobId());
        if (stopped(job.runId(), job.generation())) {
            touchedJobs.add(jobKey);
            return;
        }
        budgets.restore(job);
        generations.put(jobKey, job.generation());
        if (job.dispatched()) {
            dispatched.add(jobKey);
        }
        if (!job.retriesHandled().isEmpty()) {
            retriesHandled.put(jobKey, new HashSet<>(job.retriesHandled()));
        }
        LaneRequest w = job.waitingForBudget();
        if (w != null) {
            waitingForBudget.put(
                    jobKey,
                    new WaitingAttempt(w.job(), w.model(), w.routingReason(), w.attempt(), w.repair(), w.position()));
        }
        if (job.doingWork() != null) {
            sameWork.doing(job.doingWork(), jobKey);
        }
        if (job.waitingForWork() != null && job.waitingJob() != null) {
            sameWork.waitFor(job.waitingForWork(), job.waitingJob(), job.generation());
        }
    }

    /** Forgets every run of the tenants: another router owns their partition now and goes on from their state. */
    public void forgetTenants(Set<String> tenants) {
        Set<String> runs = new HashSet<>();
        runTenants.forEach((run, tenant) -> {
            if (tenants.contains(tenant)) {
                runs.add(run);
            }
        });
        List<String> jobs = generations.keySet().stream()
                .filter(k -> runs.contains(k.substring(0, k.indexOf('/'))))
                .toList();
        for (String jobKey : jobs) {
            dispatched.remove(jobKey);
            generations.remove(jobKey);
            retriesHandled.remove(jobKey);
            waitingForBudget.remove(jobKey);
            sameWork.forget(jobKey);
        }
        touchedJobs.removeIf(k -> runs.contains(k.substring(0, k.indexOf('/'))));
        touchedRuns.removeAll(runs);
        evaluationArms.keySet().removeAll(runs);
        runDeadlines.keySet().removeAll(runs);
        runTenants.keySet().removeAll(runs);
        budgets.forgetTenants(tenants, runs);
    }

    /** The tenants whose runs the router holds. */
    public Set<String> tenants() {
        return new HashSet<>(runTenants.values());
    }
}
