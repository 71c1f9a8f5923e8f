package dev.nightshift.sink.run;

/**
 * What a run's delivered tests add up to beyond the per-attempt counts of the aggregates: jobs delivered after a
 * repair or by another model than their first, and the coverage of the run's target files, each file counted once
 * ({@code before} from its first measurement, {@code after} = before + the gains of its delivered tests, capped at
 * the file's total).
 *
 * @param repaired  test jobs delivered after at least one of their tests was rejected
 * @param escalated test jobs delivered by a model other than the one of their first attempt
 */
public record TestTotals(
        long repaired,
        long escalated,
        long linesTotal,
        long linesBefore,
        long linesAfter,
        long branchesTotal,
        long branchesBefore,
        long branchesAfter) {
    public static final TestTotals NONE = new TestTotals(0, 0, 0, 0, 0, 0, 0, 0);

    public TestTotals delivered(boolean wasRepaired, boolean wasEscalated) {
        return new TestTotals(
                repaired + (wasRepaired ? 1 : 0),
                escalated + (wasEscalated ? 1 : 0),
                linesTotal,
                linesBefore,
                linesAfter,
                branchesTotal,
                branchesBefore,
                branchesAfter);
    }

    /** One target file's contribution replaced by a newer one ({@code before} = {@link FileCoverage#NONE} for a new file). */
    public TestTotals withCoverage(FileCoverage before, FileCoverage after) {
        return new TestTotals(
                repaired,
                escalated,
                linesTotal + after.linesTotal() - before.linesTotal(),
                linesBefore + after.linesBefore() - before.linesBefore(),
                linesAfter + after.linesAfter() - before.linesAfter(),
                branchesTotal + after.branchesTotal() - before.branchesTotal(),
                branchesBefore + after.branchesBefore() - before.branchesBefore(),
                branchesAfter + after.branchesAfter() - before.branchesAfter());
    }
}
