package dev.nightshift.app;

import dev.nightshift.app.cli.CompletionCommand;
import dev.nightshift.app.cli.ErrorReporter;
import dev.nightshift.app.cli.LogSetup;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.estimate.EstimateCommand;
import dev.nightshift.app.eval.EvalCommand;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.query.CostCommand;
import dev.nightshift.app.query.ExportCommand;
import dev.nightshift.app.query.JobsCommand;
import dev.nightshift.app.query.LedgerCommand;
import dev.nightshift.app.query.ReportCommand;
import dev.nightshift.app.query.SkippedCommand;
import dev.nightshift.app.query.StatusCommand;
import dev.nightshift.app.run.CancelCommand;
import dev.nightshift.app.run.ResumeCommand;
import dev.nightshift.app.run.RunCommand;
import dev.nightshift.app.serve.ServeCommand;
import dev.nightshift.app.serve.SimulatorCommand;
import dev.nightshift.app.serve.SubmitCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code nightshift} command. */
@Command(
        name = "nightshift",
        mixinStandardHelpOptions = true,
        version = "nightshift 0.1.0",
        description =
                "Runs LLM chores (docs, tests) over whole repositories, on the cheapest model that does them well.",
        subcommands = {
            RunCommand.class,
            ResumeCommand.class,
            CancelCommand.class,
            EstimateCommand.class,
            ServeCommand.class,
            SubmitCommand.class,
            StatusCommand.class,
            CostCommand.class,
            LedgerCommand.class,
            ExportCommand.class,
            ReportCommand.class,
            SimulatorCommand.class,
            EvalCommand.class,
            JobsCommand.class,
            SkippedCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Nightshift implements Runnable {
    private final Terminal terminal;

    /** Read before picocli parses (see {@link LogSetup}); declared here so that every command accepts it. */
    @Option(
            names = LogSetup.OPTION,
            paramLabel = "LEVEL",
            scope = CommandLine.ScopeType.INHERIT,
            description = "error, warn, info (default), debug or trace; also NIGHTSHIFT_LOG_LEVEL.")
    String logLevel;

    public Nightshift(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(execute(Terminal.system(), args));
    }

    /** Runs the command line and returns its exit code; tests call this with their own terminal. */
    public static int execute(Terminal terminal, String... args) {
        // Before any logger exists: log files go under NIGHTSHIFT_HOME/logs, a service logs to stdout.
        System.setProperty(
                "nightshift.logs", NightshiftHome.resolve(terminal.env()).logs().toString());
        try {
            LogSetup.configure(Arrays.asList(args), terminal.env());
        } catch (UserError e) {
            terminal.err().println("error: " + e.getMessage());
            return e.exitCode();
        }
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(new Nightshift(terminal))
                .setOut(new PrintWriter(terminal.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(terminal.err(), true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler(new ErrorReporter(verbose))
                .setParameterExceptionHandler(Nightshift::reportBadParameter);
        return cli.execute(args);
    }

    public Terminal terminal() {
        return terminal;
    }

    /** Bad flags or values: one line naming the problem, and where help is. */
    private static int reportBadParameter(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr()
                .println("error: "
                        + e.getMessage().lines().findFirst().orElse("").replaceFirst("^Error: ", "") + " (see '"
                        + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return UserError.BAD_INPUT;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(terminal.out());
    }
}
