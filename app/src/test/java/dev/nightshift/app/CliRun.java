package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.app.cli.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs the real {@code nightshift} command in-process with its own environment and captured output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Nightshift.execute(new Terminal(env, o, e, false), args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Bad input caught before anything starts: exit code 2, one line naming the problem, no stack trace. */
    void assertOneLineError(String expected) {
        assertThat(exitCode).as(err).isEqualTo(2);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).startsWith("error: ").contains(expected);
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    }

    String lastOutLine() {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
