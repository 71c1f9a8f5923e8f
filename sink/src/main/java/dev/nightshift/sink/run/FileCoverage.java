package dev.nightshift.sink.run;

import dev.nightshift.core.validation.Coverage;

/**
 * Coverage of one target file of a run, kept so that each file counts once in the run's totals: totals and
 * {@code before} from the first validation that measured the file, and the lines and branches the file's
 * delivered tests gained, summed.
 */
public record FileCoverage(
        long linesTotal,
        long linesBefore,
        long linesGained,
        long branchesTotal,
        long branchesBefore,
        long branchesGained) {
    public static final FileCoverage NONE = new FileCoverage(0, 0, 0, 0, 0, 0);

    /** Whether the validator measured anything of the file (a test that did not build measures nothing). */
    public static boolean measured(Coverage c) {
        return c != null && (c.linesTotal() > 0 || c.branchesTotal() > 0);
    }

    /** The file as first measured: its totals and the existing suite's coverage, nothing gained yet. */
    public static FileCoverage first(Coverage c) {
        return new FileCoverage(
                c.linesTotal(),
                Math.min(c.linesBefore(), c.linesTotal()),
                0,
                c.branchesTotal(),
                Math.min(c.branchesBefore(), c.branchesTotal()),
                0);
    }

    public FileCoverage plusGains(long lines, long branches) {
        return new FileCoverage(
                linesTotal, linesBefore, linesGained + lines, branchesTotal, branchesBefore, branchesGained + branches);
    }

    /** Before plus every gain, never more than the file has. */
    public long linesAfter() {
        return Math.min(linesTotal, linesBefore + linesGained);
    }

    public long branchesAfter() {
        return Math.min(branchesTotal, branchesBefore + branchesGained);
    }
}
