package dev.nightshift.sinkapi.export;

/**
 * What an export writes beyond the passing artifacts.
 *
 * @param all           also the rejected test candidates, under {@value ExportPlan#REJECTED_DIR}/ with a
 *                      {@code .diagnostics.txt} beside each naming its verdict and diagnostics
 * @param markSimulated start each artifact of a dry run with a line saying so, in the file's comment syntax
 *                      (the command always does: {@link #forPeople})
 */
public record ExportOptions(boolean all, boolean markSimulated) {
    /** Passing artifacts only, as stored. */
    public static final ExportOptions PASSING = new ExportOptions(false, false);

    public static ExportOptions withRejected(boolean all) {
        return new ExportOptions(all, false);
    }

    /**
     * What the command writes for people, wherever it goes ({@code run --out}, {@code export --to}, {@code --branch},
     * {@code --patch}): a dry run's artifacts say so, so that the same run gives the same files either way.
     */
    public static ExportOptions forPeople(boolean all) {
        return new ExportOptions(all, true);
    }
}
