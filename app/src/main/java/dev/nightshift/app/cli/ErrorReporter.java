package dev.nightshift.app.cli;

import dev.nightshift.core.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns any failure of a command into one line on stderr and an exit code. Stack traces only with
 * {@code --verbose}: users need to know what was wrong and what to do, not where in our code.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    private final boolean verbose;

    public ErrorReporter(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        Throwable cause = unwrap(e);
        int code;
        String message;
        if (cause instanceof UserError ue) {
            code = ue.exitCode();
            message = ue.getMessage();
        } else if (cause instanceof ConfigException) {
            code = UserError.BAD_INPUT;
            message = "bad configuration: " + cause.getMessage();
        } else if (isBadInput(cause)) {
            code = UserError.BAD_INPUT;
            message = cause.getMessage();
        } else {
            code = UserError.FAILED;
            message = "nightshift failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    + " (rerun with --verbose for details)";
        }
        err.println("error: " + firstLine(message));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** A service's own bad-input exception (e.g. ingest's) is recognised by name, so the CLI needs no list. */
    private static boolean isBadInput(Throwable t) {
        return t.getClass().getSimpleName().endsWith("IngestException") || t instanceof IllegalArgumentException;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException
                        || c instanceof CommandLine.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
