package dev.nightshift.validator.runner;

import dev.nightshift.validator.sandbox.ProcessOutcome;
import dev.nightshift.validator.sandbox.SandboxedCommand;
import dev.nightshift.validator.sandbox.ViolationClassifier;
import java.util.Locale;
import java.util.Optional;

/** What the Python and JavaScript runners read from a sandboxed run's output, the same way. */
public final class RunOutput {
    private static final int TAIL_CHARS = 3000;

    private RunOutput() {}

    /**
     * What the sandbox stopped the candidate from doing (the network, files it was not shown, processes past
     * its limit), read from the output and the reported failures of a run that did not pass; empty when the
     * failure is the test's own.
     */
    public static Optional<String> violation(SandboxedCommand command, ProcessOutcome outcome, String failures) {
        if (outcome.exitCode() == 0) {
            return Optional.empty();
        }
        return ViolationClassifier.forCommand(command)
                .classify(outcome.output() + "\n" + failures)
                .map(v -> "the sandbox stopped the test (" + v.kind().name().toLowerCase(Locale.ROOT) + "): "
                        + v.evidence());
    }

    /** The end of a run's output, where runners print what went wrong. */
    public static String tail(String output) {
        String stripped = output.strip();
        return stripped.length() <= TAIL_CHARS ? stripped : "..." + stripped.substring(stripped.length() - TAIL_CHARS);
    }

    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
