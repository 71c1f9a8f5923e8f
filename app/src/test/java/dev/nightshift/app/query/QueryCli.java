package dev.nightshift.app.query;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.ErrorReporter;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.UserError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the real {@code nightshift} command in-process with its own environment and captured output. Once
 * {@code cost}, {@code ledger} and {@code export} are registered in {@link Nightshift} this is exactly
 * {@link Nightshift#execute}; until then the same command line is assembled here with them added.
 */
record QueryCli(int exitCode, String out, String err) {

    static QueryCli of(Map<String, String> env, String... args) {
        return in(Path.of("").toAbsolutePath(), env, args);
    }

    /** The command run from {@code cwd} as its current directory. */
    static QueryCli in(Path cwd, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Terminal terminal = new Terminal(env, o, e, false, cwd);
            code = registered(terminal) ? Nightshift.execute(terminal, args) : executeWithQueryCommands(terminal, args);
        }
        return new QueryCli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }

    List<String> outLines() {
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static boolean registered(Terminal terminal) {
        return new CommandLine(new Nightshift(terminal))
                .getSubcommands()
                .keySet()
                .containsAll(List.of("cost", "ledger", "export"));
    }

    /** Nightshift.execute with the three commands added (same streams, handlers and exit codes). */
    private static int executeWithQueryCommands(Terminal terminal, String... args) {
        CommandLine cli = new CommandLine(new Nightshift(terminal))
                .addSubcommand(new CostCommand())
                .addSubcommand(new LedgerCommand())
                .addSubcommand(new ExportCommand());
        cli.setOut(new PrintWriter(terminal.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(terminal.err(), true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler(
                        new ErrorReporter(Arrays.asList(args).contains("--verbose")))
                .setParameterExceptionHandler((e, a) -> {
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr()
                            .println("error: "
                                    + e.getMessage().lines().findFirst().orElse("") + " (see '"
                                    + cmd.getCommandSpec().qualifiedName() + " --help')");
                    cmd.getErr().flush();
                    return UserError.BAD_INPUT;
                });
        return cli.execute(args);
    }
}
