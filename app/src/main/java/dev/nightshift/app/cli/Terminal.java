package dev.nightshift.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world: the environment, the two output streams and the current directory.
 * Passed in, not read from {@code System}, so that tests run the real commands in-process with their own.
 */
public record Terminal(Map<String, String> env, PrintStream out, PrintStream err, boolean interactive, Path cwd) {
    /** A terminal in the process's own current directory. */
    public Terminal(Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
        this(env, out, err, interactive, Path.of("").toAbsolutePath());
    }

    public static Terminal system() {
        return new Terminal(System.getenv(), System.out, System.err, System.console() != null);
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
