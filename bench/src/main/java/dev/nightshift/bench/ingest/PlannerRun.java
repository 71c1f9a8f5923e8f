package dev.nightshift.bench.ingest;

import dev.nightshift.bench.harness.HeapPeak;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.ingest.IngestOptions;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.ingest.plan.RunPlanner;
import dev.nightshift.ingest.source.CloneCache;
import dev.nightshift.ingest.source.RemoteGuard;
import dev.nightshift.ingest.source.RepositoryOpener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * Ingest's own work on a repository: {@link RunPlanner}, the code {@code IngestService.submit} runs before
 * it publishes — snapshot walk, filters, secret guard, units, token counts, the docs plan spooled to disk.
 * Publishing to Kafka is left out so the figure (and the peak heap) is ingest's, not a broker's.
 */
final class PlannerRun {
    private static final Duration HEAP_SAMPLE = Duration.ofMillis(250);

    private final NightshiftConfig config;
    private final Path work;

    PlannerRun(NightshiftConfig config, Path work) {
        this.config = config;
        this.work = work;
    }

    /** Times planning the docs task; files and bytes are the baseline's, so both rates share one input. */
    Throughput measure(Throughput baseline, Path repo, TaskType task) {
        try (HeapPeak heap = HeapPeak.start(null)) {
            long start = System.nanoTime();
            long tokens = plan(repo, task);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Throughput(
                    baseline.repository(),
                    "ingest-" + task.id(),
                    baseline.files(),
                    baseline.bytes(),
                    tokens,
                    seconds,
                    heap.liveBytes(),
                    heap.poolPeakBytes());
        }
    }

    /**
     * An untimed pass with a collection forced every {@link #HEAP_SAMPLE}: the heap ingest keeps alive at its
     * peak, however the JVM sized its young generation.
     */
    Throughput withHeapPass(Throughput timed, Path repo, TaskType task) {
        try (HeapPeak heap = HeapPeak.start(HEAP_SAMPLE)) {
            plan(repo, task);
            return timed.withHeap(heap.liveBytes(), heap.poolPeakBytes());
        }
    }

    private long plan(Path repo, TaskType task) {
        RunPlanner planner = new RunPlanner(
                config,
                IngestOptions.fromEnvironment(Map.of()),
                new RepositoryOpener(new CloneCache(work.resolve("clones"), 20, null, new RemoteGuard(false))),
                work.resolve("spool"),
                InstantSource.system());
        try (PlannedRun run =
                planner.plan(new RunRequest("r-bench-" + task.id(), null, repo.toString(), null, task, true))) {
            return run.plan().inputTokens();
        }
    }
}
