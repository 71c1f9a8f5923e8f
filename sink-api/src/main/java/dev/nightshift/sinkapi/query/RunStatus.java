package dev.nightshift.sinkapi.query;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import dev.nightshift.sinkapi.run.DocsTotals;
import dev.nightshift.sinkapi.run.RunState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run's status as {@code GET /runs/{runId}} shows it; the CLI polls it for progress, so the field
 * names are a contract (docs/CONTRACTS.md and the sink README).
 *
 * @param tests what the validator made of the run's generated tests; absent for a run with no test job
 * @param docs  what the reviews made of the run's documents; absent for a run with no reviewed document
 * @param control the run's latest interruption, resumption or cancellation; absent when nobody stopped it
 * @param batches the run's requests waiting in provider batches and when they are expected back; absent when none is
 */
public record RunStatus(
        String runId,
        RunState state,
        String tenant,
        String repository,
        String commit,
        TaskType task,
        boolean simulated,
        Jobs jobs,
        Tokens tokens,
        Cost cost,
        List<SkippedFile> skipped,
        long servedFromCache,
        Progress progress,
        Budget budget,
        Tests tests,
        DocsTotals docs,
        Control control,
        Batches batches) {

    /** A status without requests waiting in provider batches. */
    public RunStatus(
            String runId,
            RunState state,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            boolean simulated,
            Jobs jobs,
            Tokens tokens,
            Cost cost,
            List<SkippedFile> skipped,
            long servedFromCache,
            Progress progress,
            Budget budget,
            Tests tests,
            DocsTotals docs,
            Control control) {
        this(
                runId,
                state,
                tenant,
                repository,
                commit,
                task,
                simulated,
                jobs,
                tokens,
                cost,
                skipped,
                servedFromCache,
                progress,
                budget,
                tests,
                docs,
                control,
                null);
    }

    /**
     * Requests of the run submitted in provider batches whose results are not back yet.
     *
     * @param waiting        requests waiting
     * @param atMostUsd      the most they can cost, at batch prices
     * @param oldestSubmitted when the oldest of them was submitted
     * @param expectedFinish when the last of their batches is expected to end; {@code null} when no worker said
     */
    public record Batches(
            long waiting, Money atMostUsd, java.time.Instant oldestSubmitted, java.time.Instant expectedFinish) {}

    /** A status of a run nobody stopped. */
    public RunStatus(
            String runId,
            RunState state,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            boolean simulated,
            Jobs jobs,
            Tokens tokens,
            Cost cost,
            List<SkippedFile> skipped,
            long servedFromCache,
            Progress progress,
            Budget budget,
            Tests tests,
            DocsTotals docs) {
        this(
                runId,
                state,
                tenant,
                repository,
                commit,
                task,
                simulated,
                jobs,
                tokens,
                cost,
                skipped,
                servedFromCache,
                progress,
                budget,
                tests,
                docs,
                null);
    }

    /**
     * @param action     {@code interrupted}, {@code resumed} or {@code cancelled}
     * @param generation the generation of the run's jobs now published (one more for each resume)
     */
    public record Control(String action, int generation, String reason, java.time.Instant at) {
        public static Control of(dev.nightshift.core.run.RunControl c) {
            return c == null
                    ? null
                    : new Control(
                            c.action().name().toLowerCase(java.util.Locale.ROOT), c.generation(), c.reason(), c.at());
        }
    }

    /** A status without documentation figures. */
    public RunStatus(
            String runId,
            RunState state,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            boolean simulated,
            Jobs jobs,
            Tokens tokens,
            Cost cost,
            List<SkippedFile> skipped,
            long servedFromCache,
            Progress progress,
            Budget budget,
            Tests tests) {
        this(
                runId,
                state,
                tenant,
                repository,
                commit,
                task,
                simulated,
                jobs,
                tokens,
                cost,
                skipped,
                servedFromCache,
                progress,
                budget,
                tests,
                null);
    }

    /** A status without test figures (a documentation run). */
    public RunStatus(
            String runId,
            RunState state,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            boolean simulated,
            Jobs jobs,
            Tokens tokens,
            Cost cost,
            List<SkippedFile> skipped,
            long servedFromCache,
            Progress progress,
            Budget budget) {
        this(
                runId,
                state,
                tenant,
                repository,
                commit,
                task,
                simulated,
                jobs,
                tokens,
                cost,
                skipped,
                servedFromCache,
                progress,
                budget,
                null,
                null);
    }

    public record Jobs(long total, long succeeded, long failed, long deadLettered, long cancelled, long pending) {}

    public record Tokens(long uncachedInput, long cacheReadInput, long cacheWriteInput, long output) {}

    /**
     * Amounts are exact decimal strings; {@code byModel} is keyed by {@code provider/model}.
     *
     * @param outcomeUnknown the calls whose outcome is not known yet, and the most they can cost; absent when none
     * @param perPassingTest the run's ledger dollars divided by its passed tests ({@link
     *                       dev.nightshift.sinkapi.aggregate.PerPassingTest}); absent when no test passed
     */
    public record Cost(Money usd, Map<String, Money> byModel, Money perPassingTest, OutcomeUnknown outcomeUnknown) {
        public Cost(Money usd, Map<String, Money> byModel) {
            this(usd, byModel, null, null);
        }

        public Cost(Money usd, Map<String, Money> byModel, Money perPassingTest) {
            this(usd, byModel, perPassingTest, null);
        }
    }

    /**
     * Provider calls written ahead that no attempt booked: still running, given up at their deadline, or made by a
     * worker that died. The provider may have billed them; {@code atMostUsd} is the most it can have, on top of
     * {@link Cost#usd()}. Absent when there are none.
     */
    public record OutcomeUnknown(long calls, Money atMostUsd) {}

    /** The run's budget and what is left of it after the cost so far; absent for a run without one. */
    public record Budget(Money maxUsd, Money remainingUsd) {}

    /**
     * @param attempts      ledger entries so far (failed attempts included)
     * @param jobsPerMinute terminal jobs per minute since the first result, 0 before
     * @param etaSeconds    pending jobs at that pace; absent when unknown
     */
    public record Progress(
            long attempts,
            Instant plannedAt,
            Instant firstResultAt,
            Instant lastResultAt,
            Instant completedAt,
            String jobsPerMinute,
            Long etaSeconds) {}

    /**
     * The run's generated tests. Verdict counts are per validated attempt (a job's repairs count each time).
     *
     * @param candidates       tests judged on their merit: every validated attempt but the infrastructure ones
     * @param passed           tests that passed and cover something new
     * @param noGain           tests that passed but cover nothing new
     * @param infrastructure   tests the validator could not judge for reasons of its own (never a model's fault)
     * @param repaired         jobs delivered after at least one repair round
     * @param escalated        jobs delivered by a model other than their first
     * @param coverage         the run's target files, each counted once
     */
    public record Tests(
            long candidates,
            long passed,
            long noGain,
            long buildFailed,
            long failed,
            long flaky,
            long timeout,
            long sandboxViolation,
            long infrastructure,
            long repaired,
            long escalated,
            Coverage coverage) {}

    /**
     * Lines and branches of the run's target files: covered by the existing suite ({@code before}) and with the
     * delivered tests ({@code after} = before + their gains, capped at each file's total).
     */
    public record Coverage(
            long linesTotal,
            long linesBefore,
            long linesAfter,
            long branchesTotal,
            long branchesBefore,
            long branchesAfter) {}
}
