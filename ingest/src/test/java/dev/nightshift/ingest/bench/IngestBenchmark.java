package dev.nightshift.ingest.bench;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.ingest.IngestOptions;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.ingest.plan.RunPlanner;
import dev.nightshift.ingest.source.CloneCache;
import dev.nightshift.ingest.source.RemoteGuard;
import dev.nightshift.ingest.source.RepositoryOpener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The engine of {@code bench/run ingest}: plans the documentation of synthetic repositories at two sizes
 * (and optionally a real one) and compares with a baseline measured in the same run — reading the same
 * blobs with JGit and counting their tokens with JTokkit in a plain loop. Prints a table, then one JSON
 * line with {@code ratio}, {@code filesPerSecond}, {@code mbPerSecond}, {@code peakHeapMbSmall},
 * {@code peakHeapMbLarge}. Arguments: {@code [smallFiles] [largeFiles] [extra repository path]}.
 */
public final class IngestBenchmark {
    record Figures(String name, long files, long bytes, long tokens, double seconds, long peakHeapBytes) {
        double filesPerSecond() {
            return files / seconds;
        }

        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }

        double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    public static void main(String[] args) throws IOException {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Path work = Files.createTempDirectory("nightshift-ingest-bench");
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        TokenCounter.count("warm up the tokenizer before anything is timed");
        // Warm the JIT on both engines, so that the first measured size is not also the first run.
        Path warm = work.resolve("warm");
        SyntheticRepository.build(warm, 1_000, 0);
        measure("warm-up", warm, config, work);
        List<Figures[]> rows = new ArrayList<>();
        Path smallRepo = work.resolve("small");
        SyntheticRepository.build(smallRepo, small, 1);
        rows.add(measure("synthetic-" + small, smallRepo, config, work));
        Path largeRepo = work.resolve("large");
        SyntheticRepository.build(largeRepo, large, 2);
        rows.add(measure("synthetic-" + large, largeRepo, config, work));
        if (args.length > 2) {
            rows.add(measure("repository", Path.of(args[2]), config, work));
        }
        System.out.printf(Locale.ROOT, "%-22s %-9s %8s %9s %12s %10s %8s %12s %10s%n", "repository", "engine", "files",
                "MB", "tokens", "files/s", "MB/s", "tokens/s", "peak MB");
        for (Figures[] row : rows) {
            for (Figures f : row) {
                System.out.printf(Locale.ROOT, "%-22s %-9s %8d %9.1f %12d %10.0f %8.2f %12.0f %10.0f%n", f.name().split("/")[0],
                        f.name().split("/")[1], f.files(), f.bytes() / 1e6, f.tokens(), f.filesPerSecond(), f.mbPerSecond(),
                        f.tokensPerSecond(), f.peakHeapBytes() / 1e6);
            }
        }
        Figures ingestLarge = rows.get(1)[0];
        Figures baselineLarge = rows.get(1)[1];
        double ratio = ingestLarge.filesPerSecond() / baselineLarge.filesPerSecond();
        System.out.printf(Locale.ROOT, "{\"ratio\":%.3f,\"filesPerSecond\":%.1f,\"mbPerSecond\":%.3f,\"tokensPerSecond\":%.0f,"
                        + "\"baselineFilesPerSecond\":%.1f,\"peakHeapMbSmall\":%.1f,\"peakHeapMbLarge\":%.1f,\"smallFiles\":%d,\"largeFiles\":%d}%n",
                ratio, ingestLarge.filesPerSecond(), ingestLarge.mbPerSecond(), ingestLarge.tokensPerSecond(),
                baselineLarge.filesPerSecond(), rows.get(0)[0].peakHeapBytes() / 1e6, ingestLarge.peakHeapBytes() / 1e6, small, large);
    }

    private static Figures[] measure(String name, Path repo, NightshiftConfig config, Path work) throws IOException {
        Figures baseline = baseline(name, repo);
        Figures ingest = ingest(name, repo, config, work, baseline);
        return new Figures[] {ingest, baseline};
    }

    /** Plans the docs task (without publishing) and times it. */
    private static Figures ingest(String name, Path repo, NightshiftConfig config, Path work, Figures baseline) {
        RunPlanner planner = new RunPlanner(config, IngestOptions.fromEnvironment(Map.of()),
                new RepositoryOpener(new CloneCache(work.resolve("clones"), 20, null, new RemoteGuard(false))),
                work.resolve("spool"), InstantSource.system());
        resetPeakHeap();
        long start = System.nanoTime();
        long tokens;
        try (PlannedRun run = planner.plan(new RunRequest("r-bench", null, repo.toString(), null, TaskType.DOCS, true))) {
            tokens = run.plan().inputTokens();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Files and bytes of the snapshot, as the baseline read them, so both rates are over the same input.
        return new Figures(name + "/ingest", baseline.files(), baseline.bytes(), tokens, seconds, peakHeap());
    }

    /** Reads every blob of HEAD with JGit and counts its tokens with JTokkit, in a plain loop. */
    private static Figures baseline(String name, Path repo) throws IOException {
        resetPeakHeap();
        long start = System.nanoTime();
        long files = 0;
        long bytes = 0;
        long tokens = 0;
        try (Repository r = new FileRepositoryBuilder().setGitDir(repo.resolve(".git").toFile()).setMustExist(true).build();
             ObjectReader reader = r.newObjectReader(); RevWalk walk = new RevWalk(reader); TreeWalk tree = new TreeWalk(r, reader)) {
            tree.addTree(walk.parseCommit(r.resolve(Constants.HEAD)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                byte[] content = reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
                files++;
                bytes += content.length;
                tokens += TokenCounter.count(new String(content, StandardCharsets.UTF_8));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Figures(name + "/baseline", files, bytes, tokens, seconds, peakHeap());
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the peak heap in use. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
