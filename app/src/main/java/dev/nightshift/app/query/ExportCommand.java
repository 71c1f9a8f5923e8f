package dev.nightshift.app.query;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.sinkapi.client.SinkClient.SinkClientException;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.export.BranchExport;
import dev.nightshift.sinkapi.export.ExportException;
import dev.nightshift.sinkapi.export.ExportOptions;
import dev.nightshift.sinkapi.export.ExportReport;
import dev.nightshift.sinkapi.export.FolderExport;
import dev.nightshift.sinkapi.export.PatchExport;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.RunState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nightshift export RUN --to DIR | --branch NAME | --patch FILE [--all]}: puts a run's artifacts where the
 * user works — documentation, and the tests that passed validation, the parts of a split class merged into one
 * file; with {@code --all} also the rejected tests, apart, with their diagnostics. Every artifact path is checked
 * by sink-api's {@code SafePaths}; refused ones are listed on stderr.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description =
                "Export a run's artifacts (passing tests only, unless --all) to a folder, a new branch (on top of the"
                        + " run's commit) of the git repository you are in, or a patch.")
public final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run whose artifacts to export.")
    String runId;

    // Checked in call() rather than by a picocli group, so that a missing or doubled target gets one plain line.
    @Option(
            names = "--to",
            paramLabel = "DIR",
            description = "Write the files under this folder, in the repository's layout.")
    Path dir;

    @Option(
            names = "--branch",
            paramLabel = "NAME",
            description =
                    "Commit them on this new branch of the repository you are in (or --repo), on top of the run's commit;"
                            + " the working tree is left as it is and must have no uncommitted changes.")
    String branch;

    @Option(names = "--patch", paramLabel = "FILE", description = "Write one git-style patch against the run's commit.")
    Path patch;

    @Option(
            names = "--all",
            description =
                    "Also write the tests the validator rejected, under nightshift-rejected/, "
                            + "each with a <path>.diagnostics.txt naming its verdict and diagnostics. By default only passing tests are written.")
    boolean all;

    @Option(
            names = "--repo",
            paramLabel = "PATH",
            description =
                    "With --branch: the git repository to commit into (default: the one the current directory is in)."
                            + " With --patch: the repository to diff against (default: the run's repository when it is a local folder).")
    Path repo;

    @Option(
            names = "--force",
            description = "With --branch: replace the branch when it already exists (the output names"
                    + " its old commit, to get it back).")
    boolean force;

    @Mixin
    SinkAccess sink;

    @Mixin
    OutputFormat output;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() {
        long targets = java.util.stream.Stream.of(dir, branch, patch)
                .filter(java.util.Objects::nonNull)
                .count();
        if (targets != 1) {
            throw UserError.badInput(
                    (targets == 0 ? "say where to export run " + runId : "give only one place to export to")
                            + ": --to DIR, --branch NAME or --patch FILE");
        }
        if (repo != null && dir != null) {
            throw UserError.badInput("--repo goes with --branch or --patch, not --to; leave it out");
        }
        if (force && branch == null) {
            throw UserError.badInput("--force goes with --branch (replacing an existing branch); leave it out");
        }
        Path branchRepository = null;
        if (branch != null) {
            ExportTargets.checkBranch(branch.trim());
            branchRepository = branchRepository();
        }
        if (patch != null) {
            ExportTargets.checkPatch(patch);
        }
        PrintStream out = parent.terminal().out();
        PrintStream err = parent.terminal().err();
        ExportReport report;
        try (SinkReader reader = sink.open(parent.terminal())) {
            ArtifactSource source = reader.artifacts(runId);
            RunStatus run = read(reader, source::run);
            if (run.state() != RunState.COMPLETED) {
                err.println(
                        "warning: run " + runId + " is " + run.state().name().toLowerCase(java.util.Locale.ROOT)
                                + "; exporting the artifacts it has so far");
            }
            Path into = branchRepository;
            report = read(reader, () -> export(source, run, into));
        }
        report.refused().forEach(r -> err.println("warning: " + r.reason()));
        report.notes().forEach(n -> err.println("note: " + n));
        if (output.document()) {
            err.println(summary(report));
            output.print(out, report);
        } else {
            out.println(summary(report));
        }
        out.flush();
        err.flush();
        return 0;
    }

    /** {@code branchRepository}: where {@code --branch} commits, else {@code null}. */
    private ExportReport export(ArtifactSource source, RunStatus run, Path branchRepository) {
        ExportOptions options = ExportOptions.forPeople(all);
        if (dir != null) {
            return FolderExport.export(source, dir, options);
        }
        if (branch != null) {
            return BranchExport.export(source, branchRepository, branch.trim(), options, force);
        }
        return PatchExport.export(source, repo != null ? repo : localRepository(run), patch, options);
    }

    /**
     * The repository the user works in: {@code --repo}, else the one the current directory is in — never the run's
     * source, which may be another clone, a cache or on another machine.
     */
    private Path branchRepository() {
        Path cwd = parent.terminal().cwd();
        if (repo != null) {
            return ExportTargets.enclosingRepository(cwd.resolve(repo), "--repo " + repo);
        }
        return ExportTargets.enclosingRepository(cwd, "the current directory (" + cwd + ")");
    }

    /** The run's repository when it names a git folder on this machine, else {@code null}. */
    private static Path localRepository(RunStatus run) {
        if (run.repository() == null
                || run.repository().isBlank()
                || run.repository().contains("://")) {
            return null;
        }
        try {
            Path p = Path.of(run.repository());
            return Files.isDirectory(p) && (Files.exists(p.resolve(".git")) || Files.isRegularFile(p.resolve("HEAD")))
                    ? p
                    : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private String summary(ExportReport r) {
        int n = r.written().size();
        String files = n + (n == 1 ? " artifact" : " artifacts");
        if (branch != null) {
            return "exported " + files + " of run " + r.runId() + " to branch " + branch.trim() + " ("
                    + r.target().substring(0, r.target().lastIndexOf('#')) + ", commit "
                    + r.commitId().substring(0, 12) + ")";
        }
        if (patch != null) {
            return "exported " + files + " of run " + r.runId() + " as a patch in " + patch
                    + " (apply it with 'git apply " + patch + "')";
        }
        return "exported " + files + " of run " + r.runId() + " to " + r.target();
    }

    /** Export failures: the sink's (unreachable, unknown run) as the reader words them, the target's as bad input. */
    private <T> T read(SinkReader reader, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ExportException e) {
            if (e.getCause() instanceof SinkClientException sce && reader instanceof HttpSinkReader http) {
                throw http.translate(sce, runId);
            }
            throw UserError.badInput(e.getMessage());
        } catch (SinkClientException e) {
            throw reader instanceof HttpSinkReader http ? http.translate(e, runId) : e;
        }
    }
}
