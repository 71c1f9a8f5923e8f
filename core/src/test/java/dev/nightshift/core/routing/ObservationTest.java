package dev.nightshift.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which attempts tell how good a model is, and in which cell they count. */
class ObservationTest {
    private static final Instant AT = Instant.parse("2026-11-30T03:00:00Z");

    private static AttemptResult attempt(TaskType task, Outcome outcome, FailureClass failure, Usage usage) {
        return new AttemptResult(
                new JobRef("r", "j", "t", "/repo", "c", task, "src/a.py", "python", true),
                1,
                "deepseek",
                "deepseek-chat",
                "why",
                outcome,
                failure,
                failure == null ? null : "because",
                usage,
                Money.usd("0.0012"),
                "p1",
                900,
                AT.minusSeconds(1),
                AT,
                "stop",
                "text",
                outcome == Outcome.SUCCEEDED);
    }

    private static AttemptResult test(Outcome outcome, Verdict verdict) {
        AttemptResult answered = attempt(TaskType.TESTS, Outcome.SUCCEEDED, null, Usage.of(1_500, 0, 0, 700));
        return answered.judged(
                Validation.of(verdict, verdict == Verdict.PASSED ? "" : "failed", 10),
                outcome == Outcome.SUCCEEDED,
                outcome == Outcome.SUCCEEDED);
    }

    @Test
    void aDeliveredTestPassesAndARejectedOneDoesNot() {
        Observation delivered =
                Observation.of(test(Outcome.SUCCEEDED, Verdict.PASSED), false).orElseThrow();
        Observation rejected =
                Observation.of(test(Outcome.FAILED, Verdict.BUILD_FAILED), true).orElseThrow();

        assertThat(delivered.passed()).isTrue();
        assertThat(delivered.repair()).isFalse();
        assertThat(delivered.cell().id()).isEqualTo("tests/python/small/deepseek/deepseek-chat");
        assertThat(delivered.costUsd()).isEqualTo(0.0012);
        assertThat(delivered.at()).isEqualTo(AT);
        assertThat(rejected.passed()).isFalse();
        assertThat(rejected.repair()).isTrue();
    }

    @Test
    void theValidatorsOwnFailuresAndCallsThatProducedNothingAreNoObservations() {
        assertThat(Observation.of(test(Outcome.FAILED, Verdict.INFRASTRUCTURE), false))
                .isEmpty();
        for (FailureClass noJudgement : List.of(
                FailureClass.RATE_LIMITED,
                FailureClass.TRANSIENT,
                FailureClass.QUOTA_EXHAUSTED,
                FailureClass.BAD_REQUEST,
                FailureClass.CONTEXT_TOO_LONG)) {
            assertThat(Observation.of(
                            attempt(TaskType.TESTS, Outcome.FAILED, noJudgement, Usage.of(10, 0, 0, 0)), false))
                    .as(noJudgement.name())
                    .isEmpty();
        }
        // served from the cache: succeeded, nothing judged
        assertThat(Observation.of(attempt(TaskType.TESTS, Outcome.SUCCEEDED, null, Usage.of(10, 0, 0, 0)), false))
                .isEmpty();
    }

    @Test
    void unusableOrCutOffRepliesCountAsNotPassed() {
        for (FailureClass unusable : List.of(FailureClass.INVALID_OUTPUT, FailureClass.OUTPUT_TRUNCATED)) {
            Observation o = Observation.of(
                            attempt(TaskType.DOCS, Outcome.FAILED, unusable, Usage.of(9_000, 0, 0, 8_000)), false)
                    .orElseThrow();
            assertThat(o.passed()).isFalse();
            assertThat(o.cell().group().bucket()).isEqualTo(SizeBucket.LARGE);
        }
    }

    @Test
    void aReviewedDocumentIsAnObservationAndItsBucketIsTheBilledInput() {
        DocsReview review = new DocsReview(DocLevel.FILE, 3, List.of(), List.of(), List.of(), false, 0, 400);
        AttemptResult doc = attempt(TaskType.DOCS, Outcome.SUCCEEDED, null, Usage.of(1_000, 1_500, 0, 400))
                .withDocsReview(review);

        Observation o = Observation.of(doc, false).orElseThrow();

        assertThat(o.passed()).isTrue();
        assertThat(o.cell().group()).isEqualTo(new CellGroup(TaskType.DOCS, "python", SizeBucket.MEDIUM));
    }

    @Test
    void anAttemptWithoutReportedInputCannotBePlacedInABucket() {
        AttemptResult unreported =
                attempt(TaskType.DOCS, Outcome.FAILED, FailureClass.INVALID_OUTPUT, Usage.NOT_REPORTED);

        assertThat(Observation.of(unreported, false)).isEmpty();
    }
}
