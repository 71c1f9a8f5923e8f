package dev.nightshift.app.cli;

import dev.nightshift.app.run.TaskTypeConverter;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunRequest;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a run is over: a repository, a task and a ref; shared by {@code run} and {@code estimate}. */
public final class RepositoryTarget {
    @Parameters(index = "0", paramLabel = "<path-or-url>", description = "A local git repository, or a URL to clone.")
    String source;

    @Option(names = "--task", required = true, paramLabel = "docs|tests", converter = TaskTypeConverter.class,
            description = "What to produce: docs (Markdown per file) or tests (unit tests per file).")
    TaskType task;

    @Option(names = "--ref", paramLabel = "R", description = "Branch, tag or commit to read (default: HEAD).")
    String ref;

    public String source() {
        return source;
    }

    public TaskType task() {
        return task;
    }

    public RunRequest request(String runId, String tenant, boolean simulated, Money maxCost) {
        return new RunRequest(runId, tenant, source, ref, task, simulated, maxCost);
    }
}
