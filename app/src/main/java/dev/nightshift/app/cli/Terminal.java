package dev.nightshift.app.cli;

import java.io.Console;
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
        return new Terminal(System.getenv(), System.out, System.err, onTerminal());
    }

    /**
     * Whether the process is attached to a terminal. Up to JDK 21 it has a console only then; from JDK 22 on it has one
     * with redirected streams too, and {@code Console.isTerminal()} tells (through reflection: Java 17 lacks it).
     */
    // Up to JDK 21, a missing console is how Java says there is no terminal
    @SuppressWarnings("SystemConsoleNull")
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // no isTerminal() before JDK 22, where a console is always a terminal
        }
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
