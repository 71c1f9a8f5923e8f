package dev.nightshift.validator.runner;

import dev.nightshift.core.validation.Coverage;
import java.util.HashSet;
import java.util.Set;

/**
 * What a coverage tool measured of one file: its executable lines and which ran, its branches (coverage.py's
 * arcs {@code from->to}, istanbul's source locations) and which were taken. V8's own coverage yields no branches.
 */
public record FileLines(Set<Integer> statements, Set<Integer> executed, Set<String> branches, Set<String> taken) {
    public static final FileLines NONE = new FileLines(Set.of(), Set.of(), Set.of(), Set.of());

    public FileLines {
        statements = Set.copyOf(statements);
        executed = Set.copyOf(executed);
        branches = Set.copyOf(branches);
        taken = Set.copyOf(taken);
    }

    /**
     * The candidate's gain over the existing suite: before is what the suite covers, after what the suite and
     * the candidate cover together. Totals come from whichever report knows the file (a file the suite never
     * imported is known only from the candidate's run).
     */
    public static Coverage gain(FileLines baseline, FileLines candidate) {
        Set<Integer> statements = new HashSet<>(baseline.statements);
        statements.addAll(candidate.statements);
        Set<String> branches = new HashSet<>(baseline.branches);
        branches.addAll(candidate.branches);
        Set<Integer> linesAfter = new HashSet<>(baseline.executed);
        linesAfter.addAll(candidate.executed);
        linesAfter.retainAll(statements);
        Set<String> branchesAfter = new HashSet<>(baseline.taken);
        branchesAfter.addAll(candidate.taken);
        branchesAfter.retainAll(branches);
        int linesBefore =
                (int) baseline.executed.stream().filter(statements::contains).count();
        int branchesBefore =
                (int) baseline.taken.stream().filter(branches::contains).count();
        return new Coverage(
                statements.size(),
                linesBefore,
                linesAfter.size(),
                branches.size(),
                branchesBefore,
                branchesAfter.size());
    }
}
