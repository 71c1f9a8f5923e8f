package dev.nightshift.sink.report;

import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The figures a run report draws from its ledger, folded one entry at a time (a ledger is never held in memory):
 * dollars by task and by language, pass counts by model × language, the timeline, and what the failed attempts of
 * the jobs that ended without a result said.
 */
final class LedgerFigures implements Consumer<LedgerEntry> {
    static final String NO_LANGUAGE = "(none)";
    private final Set<String> failedJobs;
    private final Map<String, Money> byLanguage = new TreeMap<>();
    private final Map<String, Money> byTier = new TreeMap<>();
    private final Map<String, JobTask> taskOfJob = new HashMap<>();
    private final Map<List<String>, PassCell> cells = new TreeMap<>((a, b) -> {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    });
    private final Map<String, List<String>> attemptNotes = new HashMap<>();
    private final Set<String> endedInLedger = new HashSet<>();
    private final Timeline timeline = new Timeline();
    private Money total = Money.ZERO;

    /** @param failedJobs the jobs whose failed attempts are kept for the failed-jobs table */
    LedgerFigures(Set<String> failedJobs) {
        this.failedJobs = failedJobs;
    }

    @Override
    public void accept(LedgerEntry e) {
        Money cost = e.cost() == null ? Money.ZERO : e.cost();
        total = total.plus(cost);
        byLanguage.merge(language(e), cost, Money::plus);
        byTier.merge(e.serviceTier().id(), cost, Money::plus);
        taskOfJob.computeIfAbsent(e.jobId(), id -> new JobTask(e.task())).add(e.docs(), cost);
        passCell(e, cost);
        boolean endsJob = e.terminal() && endedInLedger.add(e.jobId());
        timeline.add(
                e.finishedAt() != null ? e.finishedAt() : e.startedAt() != null ? e.startedAt() : e.recordedAt(),
                Format.chartDollars(cost),
                endsJob);
        if (failedJobs.contains(e.jobId())) {
            note(e);
        }
    }

    private void passCell(LedgerEntry e, Money cost) {
        long judged = 0;
        long passed = 0;
        Money dollars = cost;
        if (e.task() == TaskType.TESTS) {
            if (e.verdict() == Verdict.INFRASTRUCTURE) {
                // the validator's own failure: never counted against the model, in judgement or in dollars
                dollars = Money.ZERO;
            } else if (e.verdict() != null) {
                judged = 1;
                passed = e.verdict() == Verdict.PASSED ? 1 : 0;
            }
        } else if (e.docs() != null) {
            judged = 1;
            passed = e.docs().passed() ? 1 : 0;
        }
        String model = e.model() == null || e.model().isEmpty() ? "(no model)" : e.model();
        String language = language(e);
        cells.merge(
                List.of(model, language),
                new PassCell(model, language, judged, passed, dollars),
                (a, b) -> a.plus(b.judged(), b.passed(), b.dollars()));
    }

    /** One line per failed or rejected attempt of a failed job. */
    private void note(LedgerEntry e) {
        StringBuilder line = new StringBuilder("attempt ").append(e.attempt());
        if (e.model() != null && !e.model().isEmpty()) {
            line.append(" · ").append(e.model());
        }
        boolean said = false;
        if (e.outcome() != Outcome.SUCCEEDED || e.failureClass() != null) {
            if (e.failureClass() != null) {
                line.append(" · ").append(e.failureClass().name());
            }
            if (e.failureReason() != null && !e.failureReason().isBlank()) {
                line.append(": ").append(e.failureReason());
            }
            said = true;
        }
        DocsReview review = e.docs();
        if (review != null && !review.passed()) {
            line.append(said ? "; " : " · ")
                    .append("review: ")
                    .append(review.findings().replace('\n', ' '));
            said = true;
        }
        if (said) {
            attemptNotes.computeIfAbsent(e.jobId(), id -> new ArrayList<>()).add(line.toString());
        }
    }

    private static String language(LedgerEntry e) {
        return e.language() == null || e.language().isEmpty() ? NO_LANGUAGE : e.language();
    }

    /** Everything the ledger says the run paid. */
    Money total() {
        return total;
    }

    Map<String, Money> byLanguage() {
        return byLanguage;
    }

    /** Dollars by the tier the calls were billed at: {@code standard}, and {@code batch} for provider batches. */
    Map<String, Money> byTier() {
        return byTier;
    }

    /** Dollars by task, a documentation run's split by the level of its documents (file, folder, repository). */
    Map<String, Money> byTask() {
        Map<String, Money> out = new TreeMap<>();
        taskOfJob.values().forEach(t -> out.merge(t.label(), t.cost, Money::plus));
        return out;
    }

    List<PassCell> cells() {
        return List.copyOf(cells.values());
    }

    Timeline timeline() {
        return timeline;
    }

    /** Whether an attempt in the ledger ended the job (a dead-lettered or cancelled job may have none). */
    boolean endedInLedger(String jobId) {
        return endedInLedger.contains(jobId);
    }

    /** The failed job's attempt notes, in attempt order. */
    List<String> notes(String jobId) {
        return attemptNotes.getOrDefault(jobId, List.of());
    }

    /** A job's task and, for a document, its level — known from any of its reviewed attempts — and its dollars. */
    private static final class JobTask {
        private final TaskType task;
        private String level;
        private Money cost = Money.ZERO;

        JobTask(TaskType task) {
            this.task = task;
        }

        void add(DocsReview review, Money more) {
            if (review != null && review.level() != null) {
                level = review.level().id();
            }
            cost = cost.plus(more);
        }

        String label() {
            if (task == null) {
                return "(unknown)";
            }
            if (task == TaskType.DOCS) {
                // a document that never reached review (its calls failed) has no level known to the ledger
                return task.id() + " · " + (level == null ? "not reviewed" : level);
            }
            return task.id();
        }
    }
}
