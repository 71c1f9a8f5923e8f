package dev.nightshift.sinkapi.aggregate;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sinkapi.ledger.LedgerEntry;

/**
 * What the validator made of the generated tests of a group of ledger entries: one count per verdict (each
 * validated attempt counts once), and the dollars of the group's test-job attempts whose cost is charged to their
 * model — every test attempt except those the validator could not judge for reasons of its own
 * ({@link Verdict#INFRASTRUCTURE}: never counted against a model).
 *
 * @param usd dollars of test-job attempts, validated or not (failed calls too), without the infrastructure ones
 */
public record TestCounts(
        long passed,
        long noGain,
        long buildFailed,
        long failed,
        long flaky,
        long timeout,
        long sandboxViolation,
        long infrastructure,
        Money usd) {
    public static final TestCounts NONE = new TestCounts(0, 0, 0, 0, 0, 0, 0, 0, Money.ZERO);

    public TestCounts {
        usd = usd == null ? Money.ZERO : usd;
    }

    public static TestCounts of(LedgerEntry e) {
        if (e.task() != TaskType.TESTS && e.verdict() == null) {
            return NONE;
        }
        Verdict v = e.verdict();
        return new TestCounts(
                is(v, Verdict.PASSED),
                is(v, Verdict.NO_GAIN),
                is(v, Verdict.BUILD_FAILED),
                is(v, Verdict.FAILED),
                is(v, Verdict.FLAKY),
                is(v, Verdict.TIMEOUT),
                is(v, Verdict.SANDBOX_VIOLATION),
                is(v, Verdict.INFRASTRUCTURE),
                v == Verdict.INFRASTRUCTURE ? Money.ZERO : e.cost());
    }

    private static long is(Verdict v, Verdict which) {
        return v == which ? 1 : 0;
    }

    /** Tests judged on their merit: every verdict but {@link Verdict#INFRASTRUCTURE}. */
    public long candidates() {
        return passed + noGain + buildFailed + failed + flaky + timeout + sandboxViolation;
    }

    // NONE is compared by identity: it stands for "no tests", which a sum of zero counts and cost does not
    @SuppressWarnings("ReferenceEquality")
    public TestCounts plus(TestCounts o) {
        if (o == NONE) {
            return this;
        }
        if (this == NONE) {
            return o;
        }
        return new TestCounts(
                passed + o.passed,
                noGain + o.noGain,
                buildFailed + o.buildFailed,
                failed + o.failed,
                flaky + o.flaky,
                timeout + o.timeout,
                sandboxViolation + o.sandboxViolation,
                infrastructure + o.infrastructure,
                usd.plus(o.usd));
    }
}
