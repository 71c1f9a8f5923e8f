package dev.nightshift.core.validation;

/**
 * Coverage of one target file: by the repository's existing suite ({@code before}) and by the existing suite
 * together with the candidate ({@code after}). Zero totals mean the language's coverage tool reported
 * nothing for the file (e.g. no branch data).
 */
public record Coverage(
        int linesTotal, int linesBefore, int linesAfter, int branchesTotal, int branchesBefore, int branchesAfter) {
    public static final Coverage NONE = new Coverage(0, 0, 0, 0, 0, 0);

    public Coverage {
        if (linesBefore < 0
                || linesAfter < 0
                || branchesBefore < 0
                || branchesAfter < 0
                || linesTotal < 0
                || branchesTotal < 0) {
            throw new IllegalArgumentException("coverage counts cannot be negative");
        }
    }

    public int linesGained() {
        return Math.max(0, linesAfter - linesBefore);
    }

    public int branchesGained() {
        return Math.max(0, branchesAfter - branchesBefore);
    }

    public boolean gained() {
        return linesGained() > 0 || branchesGained() > 0;
    }
}
