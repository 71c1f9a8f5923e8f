package dev.nightshift.app.query;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.core.job.JobState;
import dev.nightshift.sinkapi.run.JobRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift jobs RUN}: one line per job of a run — the sink's job records — so that a failed job can be
 * found without reading the ledger; {@code --why} adds why it ended as it did.
 */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "List a run's jobs: unit, state, model, attempts and cost; --why adds why each failed.")
public final class JobsCommand implements Callable<Integer> {
    /** How many lines of a reason {@code --why} shows: the first lines of a diagnostic say what went wrong. */
    private static final int WHY_LINES = 3;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run whose jobs to list.")
    String runId;

    @Option(
            names = "--state",
            paramLabel = "STATE",
            description =
                    "Only jobs in this state: succeeded, failed, dead-lettered, cancelled or pending (not ended yet).")
    String state;

    @Option(names = "--why", description = "Add each job's failure class, reason and last test verdict.")
    boolean why;

    @Mixin
    OutputFormat output;

    @Mixin
    SinkAccess sink;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        Set<JobState> wanted = states(state);
        List<JobRecord> jobs;
        try (SinkReader reader = sink.open(parent.terminal())) {
            jobs = reader.jobs(runId.trim()).stream()
                    .filter(j -> wanted.contains(j.state()))
                    .toList();
        }
        PrintStream out = parent.terminal().out();
        if (output.document()) {
            output.print(out, jobs);
        } else {
            jobs.forEach(j -> print(out, j));
        }
        out.flush();
        return 0;
    }

    private void print(PrintStream out, JobRecord j) {
        out.printf(
                "%s  %-40s %-13s %-32s %2d  $%s%n",
                j.jobId(),
                orDash(j.unitPath()),
                stateId(j.state()),
                orDash(j.fromCache() ? "cache" : j.model()),
                j.attempts(),
                j.cost().toPlainString());
        if (!why) {
            return;
        }
        if (j.failureClass() != null) {
            out.println("    failure: "
                    + j.failureClass().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (j.verdict() != null) {
            out.println("    last verdict: " + j.verdict().id());
        }
        if (j.reason() != null && !j.reason().isBlank()) {
            j.reason().lines().limit(WHY_LINES).forEach(line -> out.println("    " + line));
        }
    }

    static String stateId(JobState s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The states as people name them; "pending" is every state a job has before it ends. */
    private static Set<JobState> states(String text) {
        if (text == null || text.isBlank()) {
            return Set.of(JobState.values());
        }
        String id = text.trim().toLowerCase(Locale.ROOT);
        if (id.equals("pending")) {
            return Set.of(JobState.PLANNED, JobState.RUNNING);
        }
        for (JobState s : JobState.values()) {
            if (s.terminal() && stateId(s).equals(id)) {
                return Set.of(s);
            }
        }
        throw UserError.badInput("--state '" + text
                + "' is not a job state; use succeeded, failed, dead-lettered, cancelled or pending");
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
