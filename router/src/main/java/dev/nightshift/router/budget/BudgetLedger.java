package dev.nightshift.router.budget;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routerstate.JobRouting;
import dev.nightshift.core.routerstate.RunBudget;
import dev.nightshift.core.routerstate.TenantDaySpend;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The router's view of money: every routed attempt holds its reservation against its run's budget and its
 * tenant's daily budget until its result settles it, which releases the hold and books the actual cost.
 * An attempt is admitted only if, in every budget, {@code spent + held + reservation ≤ limit}; so at every
 * admission the committed total stays within the limit, and spend can exceed a limit only by what attempts
 * already in flight cost beyond their reservations (see README, "overspend bound").
 * An attempt that fits only once the holds of attempts in flight settle is told to wait; one that cannot fit even
 * then (what was spent leaves less than it needs) is refused. A refusal is about that attempt alone: a cheaper
 * job after it may still fit, so budgets are spent up to their limits. Settlement is idempotent per attempt.
 * Single-threaded (the router loop).
 */
public final class BudgetLedger {
    private final BudgetSettings settings;
    private final Map<String, Account> runs = new HashMap<>();
    private final Map<String, Account> tenantDays = new HashMap<>();
    /** Holds by job ("runId/jobId"), then by attempt: a job's holds are read and let go of together. */
    private final Map<String, SortedMap<Integer, Hold>> holds = new HashMap<>();
    /** Settled attempt numbers by job ("runId/jobId"), to ignore redelivered results; dropped when the job ends. */
    private final Map<String, Set<Integer>> settled = new HashMap<>();
    /** Runs and tenant days whose figures changed since {@link #drainTouched} last asked. */
    private final Touched touched = new Touched();

    public BudgetLedger(BudgetSettings settings) {
        this.settings = settings;
    }

    /** The run's own limit (e.g. {@code --max-cost}); replaces the default for that run. */
    public void runLimit(String runId, Money limit) {
        run(runId).limit(limit);
        touchRun(runId);
    }

    /**
     * Holds {@code amount} for the attempt in its run's and tenant's budgets if both have room for it now.
     *
     * @return admitted (and held); wait (fits once attempts in flight settle); or refused, with the reason
     */
    public Admission admit(AttemptKey key, String tenant, LocalDate day, Money amount) {
        if (heldBy(key) != null || wasSettled(key)) {
            return Admission.ADMITTED;
        }
        Admission byRun = run(key.runId()).admission(amount);
        Admission byTenant = tenantDay(tenant, day).admission(amount);
        // A refusal by either budget is final; otherwise a wait by either keeps the attempt waiting.
        for (Admission a : List.of(byRun, byTenant)) {
            if (a instanceof Admission.Refused) {
                return a;
            }
        }
        for (Admission a : List.of(byRun, byTenant)) {
            if (a instanceof Admission.Wait) {
                return a;
            }
        }
        run(key.runId()).hold(amount);
        tenantDay(tenant, day).hold(amount);
        holds.computeIfAbsent(job(key), k -> new TreeMap<>()).put(key.attempt(), new Hold(amount, tenant, day));
        touched.runs.add(key.runId());
        return Admission.ADMITTED;
    }

    /**
     * Books an attempt's actual cost and releases its hold. An attempt the router never held (routed before
     * a restart, or by another router) is booked on {@code dayIfUnheld}. A second settlement is ignored.
     */
    public void settle(AttemptKey key, String tenant, LocalDate dayIfUnheld, Money actual) {
        if (!settled.computeIfAbsent(job(key), k -> new HashSet<>()).add(key.attempt())) {
            return;
        }
        Hold hold = removeHold(key);
        touched.runs.add(key.runId());
        if (hold == null) {
            run(key.runId()).settle(Money.ZERO, actual);
            tenantDay(tenant, dayIfUnheld).settle(Money.ZERO, actual);
            touched.tenantDays.add(new TenantDay(tenant, dayIfUnheld));
            return;
        }
        touched.tenantDays.add(new TenantDay(hold.tenant, hold.day));
        run(key.runId()).settle(hold.amount, actual);
        tenantDay(hold.tenant, hold.day).settle(hold.amount, actual);
    }

    /**
     * Lets go of every hold of the job's attempts without booking anything: its run was stopped, and a queued attempt
     * that is never called never settles. An attempt already under way that answers later is booked as an unheld one.
     */
    public void release(String runId, String jobId) {
        SortedMap<Integer, Hold> ofJob = holds.remove(runId + "/" + jobId);
        if (ofJob == null) {
            return;
        }
        for (Hold hold : ofJob.values()) {
            run(runId).settle(hold.amount, Money.ZERO);
            tenantDay(hold.tenant, hold.day).settle(hold.amount, Money.ZERO);
        }
    }

    private Hold heldBy(AttemptKey key) {
        SortedMap<Integer, Hold> ofJob = holds.get(job(key));
        return ofJob == null ? null : ofJob.get(key.attempt());
    }

    private Hold removeHold(AttemptKey key) {
        SortedMap<Integer, Hold> ofJob = holds.get(job(key));
        if (ofJob == null) {
            return null;
        }
        Hold hold = ofJob.remove(key.attempt());
        if (ofJob.isEmpty()) {
            holds.remove(job(key));
        }
        return hold;
    }

    /** The run's figures changed: its state is written again. */
    private void touchRun(String runId) {
        touched.runs.add(runId);
    }

    /** The job has ended: its settled attempts need not be remembered any more. */
    public void jobEnded(String runId, String jobId) {
        settled.remove(runId + "/" + jobId);
    }

    private boolean wasSettled(AttemptKey key) {
        Set<Integer> attempts = settled.get(job(key));
        return attempts != null && attempts.contains(key.attempt());
    }

    private static String job(AttemptKey key) {
        return key.runId() + "/" + key.jobId();
    }

    /** The run's limit, if it has one. */
    public Optional<Money> runLimitOf(String runId) {
        Account run = runs.get(runId);
        return Optional.ofNullable(run == null ? settings.defaultRunMaxCost() : run.limit());
    }

    public Money runSpent(String runId) {
        return run(runId).spent();
    }

    public Money runHeld(String runId) {
        return run(runId).reserved();
    }

    public Money tenantSpent(String tenant, LocalDate day) {
        return tenantDay(tenant, day).spent();
    }

    public Money tenantHeld(String tenant, LocalDate day) {
        return tenantDay(tenant, day).reserved();
    }

    /** Attempts holding money now. */
    public List<AttemptKey> inFlight() {
        List<AttemptKey> keys = new ArrayList<>();
        holds.forEach((job, ofJob) -> {
            int slash = job.indexOf('/');
            ofJob.keySet()
                    .forEach(attempt ->
                            keys.add(new AttemptKey(job.substring(0, slash), job.substring(slash + 1), attempt)));
        });
        return keys;
    }

    public BudgetSettings settings() {
        return settings;
    }

    private Account run(String runId) {
        return runs.computeIfAbsent(runId, id -> new Account("run " + id, settings.defaultRunMaxCost()));
    }

    private Account tenantDay(String tenant, LocalDate day) {
        return tenantDays.computeIfAbsent(
                tenant + "@" + day,
                k -> new Account("tenant " + tenant + " on " + day, settings.tenantDailyLimit(tenant)));
    }

    private record Hold(Money amount, String tenant, LocalDate day) {}

    // --- State kept on Kafka: what the router writes after each batch and reads back when given a tenant's partition.

    /** The attempts of a job holding money now. */
    public List<JobRouting.HeldAttempt> holdsOf(String runId, String jobId) {
        SortedMap<Integer, Hold> ofJob = holds.getOrDefault(runId + "/" + jobId, Collections.emptySortedMap());
        List<JobRouting.HeldAttempt> held = new ArrayList<>(ofJob.size());
        ofJob.forEach((attempt, hold) -> held.add(new JobRouting.HeldAttempt(attempt, hold.amount, hold.day)));
        return held;
    }

    /** The attempts of a job already booked. */
    public List<Integer> settledOf(String runId, String jobId) {
        Set<Integer> attempts = settled.get(runId + "/" + jobId);
        return attempts == null ? List.of() : attempts.stream().sorted().toList();
    }

    /** The run's limit as set for it ({@code null} when it has the default) and what it spent. */
    public RunBudget runState(String runId, String tenant, ModelRef evaluationModel) {
        Account run = run(runId);
        return new RunBudget(runId, tenant, run.limit(), run.spent(), evaluationModel);
    }

    public TenantDaySpend tenantDayState(String tenant, LocalDate day) {
        return new TenantDaySpend(tenant, day, tenantDay(tenant, day).spent());
    }

    /** A run's figures as written before: its limit and what it spent (its holds come with its jobs). */
    public void restore(RunBudget state) {
        Account run = run(state.runId());
        run.limit(state.limit());
        run.restoreSpent(state.spent());
    }

    public void restore(TenantDaySpend state) {
        tenantDay(state.tenant(), state.day()).restoreSpent(state.spent());
    }

    /** A job's holds and booked attempts as written before; each hold counts against its budgets again. */
    public void restore(JobRouting job) {
        String tenant = job.tenant() == null ? "default" : job.tenant();
        for (JobRouting.HeldAttempt h : job.holds()) {
            if (holds.computeIfAbsent(job.runId() + "/" + job.jobId(), k -> new TreeMap<>())
                            .put(h.attempt(), new Hold(h.amount(), tenant, h.day()))
                    == null) {
                run(job.runId()).hold(h.amount());
                tenantDay(tenant, h.day()).hold(h.amount());
            }
        }
        if (!job.settled().isEmpty()) {
            settled.computeIfAbsent(job.runId() + "/" + job.jobId(), k -> new HashSet<>())
                    .addAll(job.settled());
        }
    }

    /**
     * Drops everything of these tenants: another router owns their partition now and goes on from what this one
     * wrote.
     */
    public void forgetTenants(Set<String> tenants, Set<String> runsOfThem) {
        holds.keySet().removeIf(job -> runsOfThem.contains(job.substring(0, job.indexOf('/'))));
        settled.keySet().removeIf(job -> runsOfThem.contains(job.substring(0, job.indexOf('/'))));
        runs.keySet().removeAll(runsOfThem);
        tenantDays.keySet().removeIf(k -> tenants.contains(k.substring(0, k.lastIndexOf('@'))));
        touched.runs.removeAll(runsOfThem);
        touched.tenantDays.removeIf(d -> tenants.contains(d.tenant()));
    }

    /** The runs and tenant days changed since the last call, and forgets them. */
    public Touched drainTouched() {
        if (touched.runs.isEmpty() && touched.tenantDays.isEmpty()) {
            return NOTHING_TOUCHED;
        }
        Touched out = new Touched();
        out.runs.addAll(touched.runs);
        out.tenantDays.addAll(touched.tenantDays);
        touched.runs.clear();
        touched.tenantDays.clear();
        return out;
    }

    /** A tenant's budget of one day. */
    public record TenantDay(String tenant, LocalDate day) {}

    private static final Touched NOTHING_TOUCHED = new Touched();

    /** Budgets whose figures changed. */
    public static final class Touched {
        private final Set<String> runs = new LinkedHashSet<>();
        private final Set<TenantDay> tenantDays = new LinkedHashSet<>();

        public Set<String> runs() {
            return Collections.unmodifiableSet(runs);
        }

        public Set<TenantDay> tenantDays() {
            return Collections.unmodifiableSet(tenantDays);
        }
    }
}
