package dev.nightshift.ingest;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.ingest.plan.RunPlanner;
import dev.nightshift.ingest.source.CloneCache;
import dev.nightshift.ingest.source.RemoteGuard;
import dev.nightshift.ingest.source.RepositoryOpener;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Plans runs without Kafka, for tests: the plan and its decoded jobs. */
final class RunPlanning {
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final RunPlanner planner;

    RunPlanning(NightshiftConfig config, Path cacheDir) {
        this(config, cacheDir, true);
    }

    RunPlanning(NightshiftConfig config, Path cacheDir, boolean allowPrivateAddresses) {
        this(
                config,
                cacheDir,
                IngestOptions.fromEnvironment(java.util.Map.of()).withAllowPrivateAddresses(allowPrivateAddresses));
    }

    RunPlanning(NightshiftConfig config, Path cacheDir, IngestOptions options) {
        CloneCache clones = new CloneCache(
                cacheDir.resolve("clones"), 5, null, new RemoteGuard(options.allowPrivateAddresses()), options.ssh());
        this.planner = new RunPlanner(
                config, options, new RepositoryOpener(clones), cacheDir.resolve("spool"), InstantSource.fixed(NOW));
    }

    static RunRequest request(String source, String ref, TaskType task) {
        return new RunRequest("r-test-" + RUNS.incrementAndGet(), "acme", source, ref, task, true);
    }

    Result plan(String source, String ref, TaskType task) {
        return plan(request(source, ref, task));
    }

    Result plan(RunRequest request) {
        try (PlannedRun run = planner.plan(request)) {
            return new Result(run.plan(), run.decodeJobs());
        }
    }

    record Result(RunPlanned plan, List<Job> jobs) {
        List<String> unitPaths() {
            return jobs.stream().map(Job::unitPath).toList();
        }

        Job job(String unitPath) {
            return jobs.stream()
                    .filter(j -> j.unitPath().equals(unitPath))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no job for " + unitPath + " among " + unitPaths()));
        }

        List<String> skipReasons(String path) {
            return plan.skipped().stream()
                    .filter(s -> s.path().equals(path))
                    .map(RunPlanned.SkippedFile::reason)
                    .toList();
        }

        String skipReason(String path) {
            return plan.skipped().stream()
                    .filter(s -> s.path().equals(path))
                    .map(RunPlanned.SkippedFile::reason)
                    .findFirst()
                    .orElse(null);
        }
    }
}
