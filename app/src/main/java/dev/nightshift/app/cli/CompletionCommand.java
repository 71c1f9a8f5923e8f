package dev.nightshift.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nightshift completion [bash|zsh]}: prints the shell completion script picocli generates from the command tree
 * itself, so it always knows every subcommand and option. One script serves both shells: it switches zsh to its bash
 * compatibility (bashcompinit) on its own.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print the shell completion script (bash or zsh) on stdout.",
            "Load it in this shell with: source <(./nightshift completion)",
            "or for every new shell: add that line to ~/.bashrc or ~/.zshrc."
        })
public final class CompletionCommand implements Callable<Integer> {
    /** The shells the script works in. */
    enum Shell {
        bash,
        zsh
    }

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "bash|zsh",
            defaultValue = "bash",
            description =
                    "The shell to complete in (default: ${DEFAULT-VALUE}); zsh uses the same script through bashcompinit.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandSpec root = spec.root();
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(root.name(), root.commandLine()));
        out.flush();
        return 0;
    }
}
