package dev.nightshift.bench.routing;

import dev.nightshift.core.validation.Coverage;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.simulator.reply.Defect;
import dev.nightshift.simulator.reply.SeededTests;
import dev.nightshift.validator.runner.Candidate;
import dev.nightshift.validator.service.Judge;

/**
 * Judges a candidate by the defect the simulator seeded into it, in place of building and running it: the verdict
 * the real validator reaches on these tests (its integration tests run the simulator's tests of each defect), at
 * no cost per candidate. A routing benchmark sends thousands of candidates through validation; building each
 * would take hours on two cores and measure the validator instead of the routing.
 */
final class SeededDefectJudge implements Judge {
    private static final int TARGET_LINES = 20;
    private final SeededTests seeded;

    SeededDefectJudge(SeededTests seeded) {
        this.seeded = seeded;
    }

    @Override
    public Validation judge(String repository, String commit, Candidate candidate) {
        Defect defect = seeded.defectOf(candidate.source()).orElse(null);
        String file =
                candidate.target().path().substring(candidate.target().path().lastIndexOf('/') + 1);
        if (defect == null) {
            return Validation.of(
                    Verdict.INFRASTRUCTURE, "the simulator wrote no such test; the benchmark cannot judge it", 0);
        }
        return switch (defect) {
            case NONE ->
                new Validation(
                        Verdict.PASSED,
                        "",
                        new Coverage(TARGET_LINES, 0, TARGET_LINES / 2, 4, 0, 2),
                        candidate.source(),
                        3,
                        3,
                        3,
                        1);
            case NO_GAIN ->
                new Validation(Verdict.NO_GAIN, "", new Coverage(TARGET_LINES, 0, 0, 4, 0, 0), null, 1, 0, 3, 1);
            case BUILD_ERROR -> Validation.of(Verdict.BUILD_FAILED, file + ":3: error: cannot find symbol", 1);
            case WRONG_ASSERTION -> Validation.of(Verdict.FAILED, file + ":7: expected <42> but was <41>", 1);
            case FLAKY -> Validation.of(Verdict.FLAKY, "passed 2 of 3 runs; " + file + ":9 failed once", 1);
        };
    }
}
