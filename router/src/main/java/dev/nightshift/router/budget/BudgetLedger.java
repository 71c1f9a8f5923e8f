package dev.nightshift.router.budget;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routerstate.JobRouting;
import dev.nightshift.core.routerstate.RunBudget;
import dev.nightshift.core.routerstate.TenantDaySpend;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    private final Map<AttemptKey, Hold> holds = new HashMap<>();
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
        if (holds.containsKey(key) || wasSettled(key)) {
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
        holds.put(key, new Hold(amount, tenant, day));
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
        Hold hold = holds.remove(key);
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
        holds.entrySet().removeIf(e -> {
            AttemptKey key = e.getKey();
            if (!key.runId().equals(runId) || !key.jobId().equals(jobId)) {
                return false;
            }
            Hold hold = e.getValue();
            run(runId).settle(hold.amount, Money.ZERO);
            tenantDay(hold.tenant, hold.day).settle(hold.amount, Money.ZERO);
            return true;
        });
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
        return List.copyOf(holds.keySet());
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
        List<JobRouting.HeldAttempt> held = new ArrayList<>();
        holds.forEach((key, hold) -> {
            if (key.runId().equals(runId) && key.jobId().equals(jobId)) {
                held.add(new JobRouting.HeldAttempt(key.attempt(), hold.amount, hold.day));
            }
        });
        held.sort(Comparator.comparingInt(JobRouting.HeldAttempt::attempt));
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
            AttemptKey key = new AttemptKey(job.runId(), job.jobId(), h.attempt());
            if (holds.put(key, new Hold(h.amount(), tenant, h.day())) == null) {
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
        holds.entrySet().removeIf(e -> tenants.contains(e.getValue().tenant));
        settled.keySet().removeIf(job -> runsOfThem.contains(job.substring(0, job.indexOf('/'))));
        runs.keySet().removeAll(runsOfThem);
        tenantDays.keySet().removeIf(k -> tenants.contains(k.substring(0, k.lastIndexOf('@'))));
        touched.runs.removeAll(runsOfThem);
        touched.tenantDays.removeIf(d -> tenants.contains(d.tenant()));
    }

    /** The runs and tenant days changed since the last call, and forgets them. */
    public Touched drainTouched() {
        Touched out = new Touched();
        out.runs.addAll(touched.runs);
        out.tenantDays.addAll(touched.tenantDays);
        touched.runs.clear();
        touched.tenantDays.clear();
        return out;
    }

    /** A tenant's budget of one day. */
    public record TenantDay(String tenant, LocalDate day) {}

    /** Budgets whose figures changed. */
    public static final class Touched {
        private final Set<String> runs = new LinkedHashSet<>();
        private final Set<TenantDay> tenantDays = new LinkedHashSet<>();

        public Set<String> runs() {
            return runs;
        }

        public Set<TenantDay> tenantDays() {
            return tenantDays;
        }
    }
}
