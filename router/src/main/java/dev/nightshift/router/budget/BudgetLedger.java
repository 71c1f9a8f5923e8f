package dev.nightshift.router.budget;

import dev.nightshift.core.money.Money;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
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

    public BudgetLedger(BudgetSettings settings) {
        this.settings = settings;
    }

    /** The run's own limit (e.g. {@code --max-cost}); replaces the default for that run. */
    public void runLimit(String runId, Money limit) {
        run(runId).limit(limit);
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
        if (hold == null) {
            run(key.runId()).settle(Money.ZERO, actual);
            tenantDay(tenant, dayIfUnheld).settle(Money.ZERO, actual);
            return;
        }
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
}
