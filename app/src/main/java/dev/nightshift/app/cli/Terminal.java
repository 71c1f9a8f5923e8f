package dev.nightshift.app.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch of the outside world: the environment and the two output streams. Passed in,
 * not read from {@code System}, so that tests run the real commands in-process with their own.
 */
public record Terminal(Map<String, String> env, PrintStream out, PrintStream err, boolean interactive) {
    public static Terminal system() {
        return new Terminal(System.getenv(), System.out, System.err, System.console() != null);
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
