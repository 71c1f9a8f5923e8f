package dev.nightshift.app.cli;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.ingest.source.RepositoryLocation;
import dev.nightshift.ingest.source.SnapshotSelector;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a run is over: a repository, a task and a ref; shared by {@code run} and {@code estimate}. */
public final class RepositoryTarget {
    @Parameters(index = "0", paramLabel = "<path-or-url>", description = "A local git repository, or a URL to clone.")
    String source;

    @Option(
            names = "--task",
            required = true,
            paramLabel = "docs|tests",
            converter = TaskTypeConverter.class,
            description = "What to produce: docs (Markdown per file) or tests (unit tests per file).")
    TaskType task;

    @Option(names = "--ref", paramLabel = "R", description = "Branch, tag or commit to read (default: HEAD).")
    String ref;

    @Option(
            names = "--worktree",
            description = "Read the local working tree as it is now (uncommitted edits, untracked"
                    + " files not ignored by .gitignore) instead of a commit. Not with a URL or --ref.")
    boolean worktree;

    @Option(
            names = "--path",
            paramLabel = "P",
            description = "Only this sub-tree of the repository (a folder or file,"
                    + " relative to its root, e.g. src/). With --task docs its top folder's summary is the top document (no"
                    + " ARCHITECTURE.md).")
    String scope;

    @Option(
            names = "--include-tests",
            negatable = true,
            description =
                    "With --task docs: document test files too"
                            + " (--no-include-tests: do not). Default: the config's docs.testFiles (exclude; folder summaries name them).")
    Boolean includeTests;

    public String source() {
        return source;
    }

    public TaskType task() {
        return task;
    }

    /** {@code null}: HEAD. */
    public String ref() {
        return ref;
    }

    public boolean worktree() {
        return worktree;
    }

    public RunRequest request(String runId, String tenant, boolean simulated, Money maxCost) {
        return new RunRequest(runId, tenant, source, ref, task, simulated, maxCost, worktree, scope, includeTests);
    }

    /**
     * Refuses options that cannot go together ({@code --worktree} with a URL or {@code --ref}) before anything
     * starts, with ingest's own one-line message.
     */
    public void check() {
        RunRequest request;
        try {
            request = request("check", null, true, null);
        } catch (IllegalArgumentException e) {
            throw UserError.badInput(e.getMessage());
        }
        SnapshotSelector.check(request, RepositoryLocation.parse(source));
    }
}
