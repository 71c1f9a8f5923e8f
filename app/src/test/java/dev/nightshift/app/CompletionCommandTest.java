package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift completion}: the script on stdout knows the commands and options, and bash completes with it. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void theScriptIsPrintedAloneAndNamesTheSubcommandsAndTheirOptions() {
        CliRun bash = cli("completion");
        CliRun zsh = cli("completion", "zsh");

        assertThat(bash.exitCode()).as(bash.err()).isZero();
        assertThat(bash.err()).isEmpty();
        assertThat(bash.out())
                .startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_nightshift")
                .contains("bashcompinit");
        for (String command : List.of(
                "run",
                "estimate",
                "eval",
                "serve",
                "submit",
                "status",
                "jobs",
                "skipped",
                "cost",
                "ledger",
                "export",
                "report",
                "simulator",
                "completion")) {
            assertThat(bash.out()).as(command).containsPattern("\\b" + command + "\\b");
        }
        assertThat(bash.out())
                .contains("--task")
                .contains("--branch")
                .contains("--bootstrap")
                .contains("--output");
        assertThat(zsh.exitCode()).as(zsh.err()).isZero();
        assertThat(zsh.out())
                .as("zsh loads the same script through bashcompinit")
                .isEqualTo(bash.out());
    }

    @Test
    void anotherShellIsRefusedWithTheChoices() {
        CliRun fish = cli("completion", "fish");

        fish.assertOneLineError("bash, zsh");
    }

    @Test
    void bashCompletesSubcommandsOptionsAndOutputFormatsWithTheScript() throws Exception {
        Path script = Files.writeString(
                dir.resolve("nightshift-completion.bash"), cli("completion").out());

        assertThat(complete(script, "nightshift", "sta")).containsExactly("status");
        assertThat(complete(script, "nightshift", "export", "r-1", "--bra")).containsExactly("--branch");
        assertThat(complete(script, "nightshift", "status", "-o", ""))
                .containsExactlyInAnyOrder("json", "yaml", "table");
    }

    /** What bash offers for the last word, by the script's own completion function. */
    private static List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        String array =
                String.join(" ", Arrays.stream(words).map(w -> "'" + w + "'").toList());
        String program = "source '" + script + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_nightshift;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        // stderr holds bash's own remarks on running a completion function outside a completion (compopt)
        Process bash = new ProcessBuilder("bash", "-c", program)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).map(String::strip).toList();
    }

    private CliRun cli(String... args) {
        return CliRun.of(Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()), args);
    }
}
