package dev.nightshift.app.cli;

/**
 * A problem the user can fix (bad input, bad config, a run that did not finish). The CLI prints its
 * message as one line, without a stack trace, and exits with {@link #exitCode()}.
 */
public final class UserError extends RuntimeException {
    /** Bad input: a wrong path, ref, task or config. */
    public static final int BAD_INPUT = 2;
    /** The work itself did not finish: a timeout, a broker or service that failed. */
    public static final int FAILED = 1;

    private final int exitCode;

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public static UserError badInput(String message) {
        return new UserError(message, BAD_INPUT);
    }

    public static UserError failed(String message) {
        return new UserError(message, FAILED);
    }

    public int exitCode() {
        return exitCode;
    }
}
