package dev.nightshift.sink.eval;

import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sinkapi.aggregate.PerPassingTest;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one arm's ledger (entries in job, attempt order) into figures per language. A unit passed when its job
 * ended with an accepted artifact: for tests a delivered test whose verdict is {@code passed} (a test that builds,
 * passes every run and adds coverage); for documents one the review passed. Repair rounds are the judged attempts
 * before the accepted one. Attempts and latency count the model's calls; the router's own terminal records (a job
 * ended when its chain ran out) cost nothing and are not calls.
 */
final class ArmFigures {
    private final String model;
    private final Map<String, Tally> byLanguage = new LinkedHashMap<>();
    private final Tally all = new Tally();
    private String jobId;
    private Tally jobTally;
    private int judgedBefore;

    ArmFigures(String model) {
        this.model = model;
    }

    void add(LedgerEntry e) {
        if (!e.jobId().equals(jobId)) {
            jobId = e.jobId();
            judgedBefore = 0;
            String language = e.language().isEmpty() ? "unknown" : e.language();
            jobTally = byLanguage.computeIfAbsent(language, k -> new Tally());
            jobTally.units++;
            all.units++;
        }
        for (Tally t : List.of(jobTally, all)) {
            t.cost = t.cost.plus(e.cost());
            if (calledTheModel(e)) {
                t.attempts++;
                t.latencies.add(e.latencyMs());
            }
        }
        if (e.terminal() && accepted(e)) {
            for (Tally t : List.of(jobTally, all)) {
                t.passed++;
                t.repairRounds += judgedBefore;
                t.linesGained += e.linesGained() == null ? 0 : e.linesGained();
                t.branchesGained += e.branchesGained() == null ? 0 : e.branchesGained();
            }
        }
        if (e.verdict() != null || e.docs() != null) {
            judgedBefore++;
        }
    }

    /**
     * A worker's attempt, not the router's own record of ending the job: only a worker prices a call, so only its
     * entries name the price table (the router's have none, stored as empty).
     */
    static boolean calledTheModel(LedgerEntry e) {
        return e.priceTableVersion() != null && !e.priceTableVersion().isEmpty();
    }

    static boolean accepted(LedgerEntry e) {
        if (e.outcome() != Outcome.SUCCEEDED) {
            return false;
        }
        return e.task() == TaskType.TESTS
                ? e.verdict() == Verdict.PASSED
                : e.docs() == null || e.docs().passed();
    }

    /** A row per language, then the row over every language. */
    List<ModelLanguageFigures> rows() {
        List<ModelLanguageFigures> rows = new ArrayList<>();
        byLanguage.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(e.getValue().row(model, e.getKey())));
        rows.add(all.row(model, EvaluationReport.ALL_LANGUAGES));
        return rows;
    }

    private static final class Tally {
        long units;
        long passed;
        long attempts;
        long linesGained;
        long branchesGained;
        long repairRounds;
        Money cost = Money.ZERO;
        final List<Long> latencies = new ArrayList<>();

        ModelLanguageFigures row(String model, String language) {
            WilsonInterval ci = WilsonInterval.of(passed, units);
            List<Long> sorted = latencies.stream().sorted().toList();
            long p50 = sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
            double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
            return new ModelLanguageFigures(
                    model,
                    language,
                    units,
                    passed,
                    units == 0 ? 0 : (double) passed / units,
                    ci.low(),
                    ci.high(),
                    linesGained,
                    branchesGained,
                    cost,
                    PerPassingTest.of(cost, passed),
                    attempts,
                    p50,
                    mean,
                    passed == 0 ? 0 : (double) repairRounds / passed);
        }
    }
}
