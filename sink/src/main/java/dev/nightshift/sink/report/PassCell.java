package dev.nightshift.sink.report;

import dev.nightshift.core.money.Money;
import dev.nightshift.sinkapi.aggregate.PerPassingTest;

/**
 * What one model did with one language's units in a run: how many of its results were judged, how many passed,
 * and what its attempts cost. For a test run, judged = validated attempts but those the validator could not judge
 * ({@code infrastructure}), passed = {@code passed} verdicts, dollars = its test attempts' cost without the
 * infrastructure ones (as the sink's cost per passing test counts them); for a documentation run, judged = reviewed
 * documents, passed = those the review accepted, dollars = every attempt's cost.
 */
record PassCell(String model, String language, long judged, long passed, Money dollars) {

    /** {@code passed / judged}; NaN when nothing was judged. */
    double passRate() {
        return judged == 0 ? Double.NaN : (double) passed / judged;
    }

    /** Dollars per passing result; {@code null} when nothing passed. */
    Money perPass() {
        return PerPassingTest.of(dollars, passed);
    }

    PassCell plus(long judgedMore, long passedMore, Money more) {
        return new PassCell(model, language, judged + judgedMore, passed + passedMore, dollars.plus(more));
    }
}
