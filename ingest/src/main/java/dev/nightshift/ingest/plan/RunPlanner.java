package dev.nightshift.ingest.plan;

import dev.nightshift.core.config.DocsConfig;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.ingest.IngestException;
import dev.nightshift.ingest.IngestOptions;
import dev.nightshift.ingest.filter.FileIntake;
import dev.nightshift.ingest.filter.GeneratedFiles;
import dev.nightshift.ingest.filter.IgnoreRules;
import dev.nightshift.ingest.filter.Intake;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.filter.VendoredFolders;
import dev.nightshift.ingest.plan.docs.DocsPlanner;
import dev.nightshift.ingest.plan.tests.RepositoryIndex;
import dev.nightshift.ingest.plan.tests.TestFiles;
import dev.nightshift.ingest.plan.tests.TestsPlanner;
import dev.nightshift.ingest.secret.SecretGuard;
import dev.nightshift.ingest.snapshot.PathFilter;
import dev.nightshift.ingest.snapshot.ScopeFilter;
import dev.nightshift.ingest.snapshot.Snapshot;
import dev.nightshift.ingest.snapshot.SnapshotFile;
import dev.nightshift.ingest.snapshot.SnapshotVisitor;
import dev.nightshift.ingest.source.CorruptObjects;
import dev.nightshift.ingest.source.OpenedRepository;
import dev.nightshift.ingest.source.RepositoryLocation;
import dev.nightshift.ingest.source.RepositoryOpener;
import dev.nightshift.ingest.source.SnapshotSelector;
import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.UnitSplitters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Plans a run without publishing it: opens the repository, resolves the ref, walks the snapshot through
 * the filters and the secret guard — the per-file work on worker threads, a bounded window of files at a
 * time, the results back in path order — and has the task's planner spool the jobs. Bad
 * input surfaces as {@link dev.nightshift.ingest.IngestException} before anything is spooled.
 */
public final class RunPlanner {
    /** Room left in the largest context window for the prompt's instructions and framing. */
    static final long PROMPT_RESERVE_TOKENS = 2_000;
    /** The router's default {@code contextMarginPercent}: providers' tokenizers count up to ~10 % more than o200k. */
    static final long TOKENIZER_MARGIN_PERCENT = 10;
    /** Worker threads for per-file work: tokenising dominates ingest and parallelises perfectly. */
    static final int THREADS = Runtime.getRuntime().availableProcessors();
    /** Files in flight at once; bounds memory to this many files (each at most {@code maxFileBytes}). */
    static final int PIPELINE_WINDOW = 4 * THREADS + 8;
    /** The run report's note on a {@code --worktree} run, followed by the HEAD commit it sits on. */
    public static final String WORKTREE_NOTE = "snapshot:worktree-on-";

    private final NightshiftConfig config;
    private final IngestOptions options;
    private final RepositoryOpener opener;
    private final Path spoolDir;
    private final InstantSource clock;
    private final SecretGuard guard = new SecretGuard();

    public RunPlanner(
            NightshiftConfig config,
            IngestOptions options,
            RepositoryOpener opener,
            Path spoolDir,
            InstantSource clock) {
        this.config = config;
        this.options = options;
        this.opener = opener;
        this.spoolDir = spoolDir;
        this.clock = clock;
    }

    public PlannedRun plan(RunRequest request) {
        RepositoryLocation location = RepositoryLocation.parse(request.source());
        SnapshotSelector.check(request, location);
        try (OpenedRepository repo = opener.open(location)) {
            try {
                return plan(request, repo);
            } catch (RuntimeException e) {
                Optional<IngestException> corrupt = CorruptObjects.explain(e, repo.identity());
                throw corrupt.isPresent() ? corrupt.get() : e;
            }
        }
    }

    private PlannedRun plan(RunRequest request, OpenedRepository repo) {
        Snapshot snapshot = SnapshotSelector.select(request, repo);
        ObjectId commit = snapshot.commit();
        JobFactory factory = new JobFactory(request, repo.identity(), commit.name(), config.jobs());
        String ignoreFile = snapshot.rootFile(IgnoreRules.FILE_NAME, 1 << 20)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse(null);
        PathFilter filter = IgnoreRules.of(config.ingest().ignore(), ignoreFile)
                .then(new VendoredFolders())
                .then(new GeneratedFiles());
        if (request.scope() != null) {
            filter = new ScopeFilter(request.scope()).then(filter);
        }
        FileIntake intake = new FileIntake(config.ingest().maxFileBytes(), guard, options.secrets());
        JobSpool spool = new JobSpool(spoolDir);
        try {
            PlanReport report = new PlanReport();
            if (snapshot.worktree()) {
                report.note(".", WORKTREE_NOTE + commit.name());
            }
            TaskPlanner planner = request.task() == TaskType.DOCS
                    ? new DocsPlanner(
                            factory, docsConfig(request), repositoryJobTokens(), spoolDir, request.scope() == null)
                    : new TestsPlanner(
                            factory,
                            index(snapshot, filter, intake),
                            options.testGroupTokens(),
                            test -> guardedText(snapshot, test));
            try (OrderedPipeline pipeline = new OrderedPipeline(THREADS, PIPELINE_WINDOW)) {
                snapshot.walk(filter, new SnapshotVisitor() {
                    @Override
                    public void file(SnapshotFile file) {
                        pipeline.then(() -> planner.visited(file.path()));
                        if (planner.wantsText(file.path())
                                && file.size() <= config.ingest().maxFileBytes()) {
                            String text = guard.scan(new String(file.bytes(), StandardCharsets.UTF_8))
                                    .redacted();
                            pipeline.then(() -> planner.text(file.path(), text));
                        }
                        Optional<Intake.Skipped> early = intake.early(file);
                        if (early.isPresent()) {
                            pipeline.then(() ->
                                    report.skip(early.get().path(), early.get().reason()));
                            return;
                        }
                        // Read here: the object reader belongs to the walking thread.
                        byte[] bytes = file.bytes();
                        pipeline.submit(
                                () -> prepare(intake.content(file.path(), file.size(), bytes), planner, spool, report));
                    }

                    @Override
                    public void skipped(String path, String reason) {
                        pipeline.then(() -> report.skip(path, reason));
                    }
                });
                pipeline.drain();
            }
            planner.finish(spool, report);
            if (request.scope() != null && spool.jobIds().isEmpty()) {
                throw new IngestException("--path " + request.scope() + " holds no source file to "
                        + request.task().id()
                        + " in " + repo.identity() + " at " + commit.name().substring(0, 12)
                        + "; check the path (relative to the repository's root) and the ref");
            }
            JobSpool jobs = spool;
            if (request.evaluation() != null) {
                jobs = EvaluationSample.of(spool, request.evaluation(), spoolDir);
                spool.close();
            }
            RunPlanned plan = new RunPlanned(
                    request.runId(),
                    request.tenant(),
                    repo.identity(),
                    commit.name(),
                    request.task(),
                    jobs.jobIds(),
                    jobs.inputTokens(),
                    report.entries(),
                    request.simulated(),
                    clock.instant(),
                    request.maxCost(),
                    null,
                    request.evaluation(),
                    request.deadline());
            return new PlannedRun(plan, jobs);
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    /** The docs settings with the request's choice about test files, when it made one ({@code --include-tests}). */
    private DocsConfig docsConfig(RunRequest request) {
        DocsConfig d = config.docs();
        if (request.includeTests() == null) {
            return d;
        }
        return new DocsConfig(
                request.includeTests() ? "include" : "exclude",
                d.folderDocName(),
                d.conflictDocName(),
                d.continuations(),
                d.fileJobTokens(),
                d.fileOutputMin(),
                d.folderOutputTokens(),
                d.repositoryOutputTokens(),
                d.folderInputTokens());
    }

    /** Runs on a worker thread; the returned action runs on the planning thread, in path order. */
    private static Runnable prepare(Intake intake, TaskPlanner planner, JobSpool spool, PlanReport report) {
        if (intake instanceof Intake.Skipped s) {
            return () -> report.skip(s.path(), planner.skipReason(s.path(), s.reason()));
        }
        Intake.Kept kept = (Intake.Kept) intake;
        PreparedFile prepared = planner.prepare(kept.file());
        return () -> {
            kept.notes().forEach(note -> report.note(kept.file().path(), note));
            planner.file(prepared, spool, report);
        };
    }

    /**
     * The largest configured context window, less the docs output budget and the prompt's framing, less the
     * margin the router keeps for tokenizer differences (it routes a job only if input × 1.10 fits): a
     * repository part this size is one that some model will actually accept.
     */
    long repositoryJobTokens() {
        long largest = config.providers().values().stream()
                .map(ProviderConfig::models)
                .flatMap(models -> models.values().stream())
                .mapToLong(ModelConfig::contextWindow)
                .max()
                .orElse(0);
        long room = largest - config.docs().repositoryOutputTokens() - PROMPT_RESERVE_TOKENS;
        return Math.max(1, room * 100 / (100 + TOKENIZER_MARGIN_PERCENT));
    }

    /** First pass for test planning: declarations' signatures, test files and build files. */
    private RepositoryIndex index(Snapshot snapshot, PathFilter filter, FileIntake intake) {
        RepositoryIndex index = new RepositoryIndex();
        try (OrderedPipeline pipeline = new OrderedPipeline(THREADS, PIPELINE_WINDOW)) {
            snapshot.walk(filter, new SnapshotVisitor() {
                @Override
                public void file(SnapshotFile file) {
                    if (intake.early(file).isPresent()) {
                        return;
                    }
                    byte[] bytes = file.bytes();
                    if (RepositoryIndex.isBuildFile(file.path())) {
                        pipeline.then(() -> index.addBuildFile(file.path(), new String(bytes, StandardCharsets.UTF_8)));
                        return;
                    }
                    pipeline.submit(() -> {
                        if (!(intake.content(file.path(), file.size(), bytes) instanceof Intake.Kept kept)) {
                            return () -> {};
                        }
                        SourceFile source = kept.file();
                        if (TestFiles.isTest(source.path())) {
                            return () -> index.addTest(source.path(), file.blobId(), source.text());
                        }
                        FileUnits units = UnitSplitters.split(source);
                        return () -> index.addSource(units);
                    });
                }

                @Override
                public void skipped(String path, String reason) {
                    // Reported by the planning pass.
                }
            });
            pipeline.drain();
        }
        return index;
    }

    private Optional<String> guardedText(Snapshot snapshot, RepositoryIndex.TestFile test) {
        return snapshot.reread(
                        test.path(),
                        test.blob(),
                        Math.toIntExact(config.ingest().maxFileBytes()))
                .map(bytes ->
                        guard.scan(new String(bytes, StandardCharsets.UTF_8)).redacted());
    }
}
