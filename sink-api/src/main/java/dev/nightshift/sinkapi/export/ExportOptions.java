package dev.nightshift.sinkapi.export;

/**
 * What an export writes beyond the passing artifacts.
 *
 * @param all           also the rejected test candidates, under {@value ExportPlan#REJECTED_DIR}/ with a
 *                      {@code .diagnostics.txt} beside each naming its verdict and diagnostics
 * @param markSimulated start each artifact of a dry run with a line saying so, in the file's comment syntax
 *                      ({@code nightshift run --out} does; {@code export} does not)
 */
public record ExportOptions(boolean all, boolean markSimulated) {
    /** Passing artifacts only, as stored. */
    public static final ExportOptions PASSING = new ExportOptions(false, false);

    public static ExportOptions withRejected(boolean all) {
        return new ExportOptions(all, false);
    }
}
