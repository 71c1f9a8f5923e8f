package dev.nightshift.sink.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One arm's ledger folded into figures per language. */
class ArmFiguresTest {
    private static final Instant AT = Instant.parse("2026-12-06T03:00:00Z");

    private static LedgerEntry test(
            String jobId,
            int attempt,
            String language,
            Verdict verdict,
            boolean terminal,
            String usd,
            long latencyMs,
            Integer linesGained) {
        boolean delivered = verdict == Verdict.PASSED;
        return new LedgerEntry(
                "r-1",
                "acme",
                "/repo",
                "c1",
                TaskType.TESTS,
                jobId,
                "src/" + jobId,
                attempt,
                "deepseek",
                "deepseek/deepseek-chat",
                "evaluation arm",
                Usage.of(100, 0, 0, 50),
                "prices-1",
                Money.usd(usd),
                latencyMs,
                delivered ? Outcome.SUCCEEDED : Outcome.FAILED,
                delivered ? null : FailureClass.TEST_REJECTED,
                delivered ? null : verdict.id(),
                "stop",
                AT,
                AT,
                AT,
                true,
                terminal,
                true,
                language,
                verdict,
                linesGained,
                0);
    }

    /** What the router records when a job's chain ran out: no call, no price table. */
    private static LedgerEntry endedByTheRouter(String jobId, int attempt, String language) {
        return new LedgerEntry(
                "r-1",
                "acme",
                "/repo",
                "c1",
                TaskType.TESTS,
                jobId,
                "src/" + jobId,
                attempt,
                "deepseek",
                "deepseek/deepseek-chat",
                "out of chain",
                Usage.of(0, 0, 0, 0),
                "",
                Money.ZERO,
                0,
                Outcome.FAILED,
                FailureClass.TEST_REJECTED,
                "out of chain",
                "not-routed",
                AT,
                AT,
                AT,
                true,
                true,
                false,
                language,
                null,
                null,
                null);
    }

    @Test
    void countsUnitsPassesRepairsCoverageCostAndCallsPerLanguageAndOverall() {
        ArmFigures figures = new ArmFigures("deepseek/deepseek-chat");
        // java: a at the first try; b after one repair; c never (two repairs, then the router ends it)
        figures.add(test("a", 1, "java", Verdict.PASSED, true, "0.001", 100, 4));
        figures.add(test("b", 1, "java", Verdict.BUILD_FAILED, false, "0.001", 200, null));
        figures.add(test("b", 2, "java", Verdict.PASSED, true, "0.002", 300, 6));
        figures.add(test("c", 1, "java", Verdict.FAILED, false, "0.001", 400, null));
        figures.add(test("c", 2, "java", Verdict.FAILED, false, "0.001", 500, null));
        figures.add(test("c", 3, "java", Verdict.FAILED, false, "0.001", 600, null));
        figures.add(endedByTheRouter("c", 4, "java"));
        // python: one unit whose test built and passed but covered nothing new
        figures.add(test("d", 1, "python", Verdict.NO_GAIN, true, "0.003", 700, 0));

        Map<String, ModelLanguageFigures> rows =
                figures.rows().stream().collect(Collectors.toMap(ModelLanguageFigures::language, Function.identity()));

        ModelLanguageFigures java = rows.get("java");
        assertThat(java.units()).isEqualTo(3);
        assertThat(java.passed()).isEqualTo(2);
        assertThat(java.passRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(java.attempts()).as("the router's record is not a call").isEqualTo(6);
        assertThat(java.cost()).isEqualTo(Money.usd("0.007"));
        assertThat(java.costPerPass()).isEqualTo(Money.usd("0.0035"));
        assertThat(java.repairRounds()).isEqualTo(0.5);
        assertThat(java.linesGained()).isEqualTo(10);
        assertThat(java.latencyP50Ms()).isEqualTo(300);
        assertThat(java.latencyMeanMs()).isEqualTo(350.0);

        ModelLanguageFigures python = rows.get("python");
        assertThat(python.passed()).as("no coverage gained is no useful test").isZero();
        assertThat(python.costPerPass()).isNull();

        ModelLanguageFigures all = rows.get(EvaluationReport.ALL_LANGUAGES);
        assertThat(all.units()).isEqualTo(4);
        assertThat(all.passed()).isEqualTo(2);
        assertThat(all.cost()).isEqualTo(Money.usd("0.010"));
        assertThat(figures.rows()).extracting(ModelLanguageFigures::language).containsExactly("java", "python", "all");
    }

    @Test
    void theWilsonIntervalStaysInsideZeroAndOneAndNarrowsWithTheSample() {
        WilsonInterval allOfThree = WilsonInterval.of(3, 3);
        WilsonInterval noneOfThree = WilsonInterval.of(0, 3);
        WilsonInterval half = WilsonInterval.of(50, 100);

        assertThat(allOfThree.high()).isEqualTo(1.0);
        assertThat(allOfThree.low()).isCloseTo(0.4385, within(1e-3));
        assertThat(noneOfThree.low()).isZero();
        assertThat(noneOfThree.high()).isCloseTo(0.5615, within(1e-3));
        assertThat(half.low()).isCloseTo(0.4038, within(1e-3));
        assertThat(half.high()).isCloseTo(0.5962, within(1e-3));
        assertThat(List.of(allOfThree, noneOfThree, half)).allMatch(ci -> ci.low() <= ci.high());
    }
}
