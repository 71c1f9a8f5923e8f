package dev.nightshift.bench.ingest;

import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.Figures;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.tokens.TokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bench/run ingest [smallFiles=2000] [largeFiles=20000] [repository=this one|none]}:
 * synthetic repositories built with JGit at two sizes, plus a real repository, each planned for the docs
 * task by ingest and read by the baseline (JGit blobs + JTokkit in a plain loop) in the same run.
 */
public final class IngestBenchmark implements Benchmark {
    private static final int ROUNDS = 2;

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String description() {
        return "[smallFiles=2000] [largeFiles=20000] [repo|none] ingest docs plan vs JGit read + JTokkit loop";
    }

    @Override
    public void run(String[] args) throws Exception {
        BenchArgs parsed = new BenchArgs(name(), args);
        int small = parsed.positiveInt(0, "smallFiles", 2_000);
        int large = parsed.positiveInt(1, "largeFiles", 20_000);
        Optional<Path> real = args.length > 2 ? realRepository(args[2]) : enclosingRepository();
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        try (ScratchDir work = new ScratchDir("nightshift-bench-ingest")) {
            TokenCounter.count("load the tokenizer before anything is timed");
            PlannerRun ingest = new PlannerRun(config, work.path());
            // One unreported pass of both engines warms the JIT, so the small size is not also the first run.
            measure("warm-up", synthetic(work, "warm", 1_000, 0), ingest);
            List<Throughput[]> rows = new ArrayList<>();
            rows.add(measure("synthetic-" + small, synthetic(work, "small", small, 1), ingest));
            rows.add(measure("synthetic-" + large, synthetic(work, "large", large, 2), ingest));
            if (real.isPresent()) {
                rows.add(measure(real.get().getFileName() + " (this repo)", real.get(), ingest));
            }
            printTable(rows);
            figures(rows, small, large).print();
        }
    }

    /**
     * Both engines in turn, {@link #ROUNDS} times, keeping each one's fastest round: on a shared, loaded machine
     * the fastest round is the one least disturbed by others. Ingest's peak heap comes from one more, untimed
     * pass that forces collections ({@link PlannerRun#withHeapPass}); the baseline's is from its timed rounds.
     */
    private static Throughput[] measure(String name, Path repo, PlannerRun ingest) throws Exception {
        Throughput baseline = null;
        Throughput planned = null;
        for (int round = 0; round < ROUNDS; round++) {
            Throughput b = BlobBaseline.measure(name, repo);
            Throughput i = ingest.measure(b, repo, TaskType.DOCS);
            baseline = baseline == null ? b : baseline.bestWith(b);
            planned = planned == null ? i : planned.bestWith(i);
        }
        return new Throughput[] {ingest.withHeapPass(planned, repo, TaskType.DOCS), baseline};
    }

    private static Path synthetic(ScratchDir work, String folder, int files, long seed) {
        Path dir = work.resolve(folder);
        long t = System.nanoTime();
        SyntheticRepository.build(dir, files, seed);
        System.err.printf(Locale.ROOT, "built %s: %d files in %.1f s%n", folder, files, (System.nanoTime() - t) / 1e9);
        return dir;
    }

    private Figures figures(List<Throughput[]> rows, int small, int large) {
        Throughput ingestSmall = rows.get(0)[0];
        Throughput ingestLarge = rows.get(1)[0];
        Throughput baselineLarge = rows.get(1)[1];
        Figures f = new Figures(name())
                .add(
                        "ratio",
                        "large: ingest / baseline files/s (goal >= 0.7)",
                        ingestLarge.filesPerSecond() / baselineLarge.filesPerSecond())
                .add("filesPerSecond", "large: ingest files/s", ingestLarge.filesPerSecond())
                .add("mbPerSecond", "large: ingest MB/s", ingestLarge.mbPerSecond())
                .add("tokensPerSecond", "large: ingest planned tokens/s", ingestLarge.tokensPerSecond())
                .add("baselineFilesPerSecond", "large: baseline files/s", baselineLarge.filesPerSecond())
                .add("baselineMbPerSecond", "large: baseline MB/s", baselineLarge.mbPerSecond())
                .add("baselineTokensPerSecond", "large: baseline tokens/s", baselineLarge.tokensPerSecond())
                .add(
                        "ratioSmall",
                        "small: ingest / baseline files/s",
                        ingestSmall.filesPerSecond() / rows.get(0)[1].filesPerSecond())
                .add("peakHeapMbSmall", "small: ingest peak live heap MB (after GC)", ingestSmall.peakHeapMb())
                .add(
                        "peakHeapMbLarge",
                        "large: ingest peak live heap MB (after GC; goal ~small, <=512)",
                        ingestLarge.peakHeapMb())
                .add(
                        "poolPeakHeapMbSmall",
                        "small: ingest heap pools' peaks summed (upper bound)",
                        ingestSmall.poolPeakMb())
                .add(
                        "poolPeakHeapMbLarge",
                        "large: ingest heap pools' peaks summed (upper bound)",
                        ingestLarge.poolPeakMb())
                .add("smallFiles", "small: files", small)
                .add("largeFiles", "large: files", large);
        if (rows.size() > 2) {
            Throughput ingestRepo = rows.get(2)[0];
            f.add(
                            "ratioRepository",
                            "this repo: ingest / baseline files/s",
                            ingestRepo.filesPerSecond() / rows.get(2)[1].filesPerSecond())
                    .add("filesPerSecondRepository", "this repo: ingest files/s", ingestRepo.filesPerSecond())
                    .add("peakHeapMbRepository", "this repo: ingest peak heap MB", ingestRepo.peakHeapMb());
        }
        return f.json("maxHeapMb", Runtime.getRuntime().maxMemory() / 1_000_000);
    }

    private static void printTable(List<Throughput[]> rows) {
        System.out.printf(
                Locale.ROOT,
                "%-26s %-12s %8s %8s %12s %10s %8s %12s %9s %9s%n",
                "repository",
                "engine",
                "files",
                "MB",
                "tokens",
                "files/s",
                "MB/s",
                "tokens/s",
                "live MB",
                "pools MB");
        for (Throughput[] row : rows) {
            for (Throughput t : row) {
                System.out.printf(
                        Locale.ROOT,
                        "%-26s %-12s %8d %8.1f %12d %10.0f %8.2f %12.0f %9.0f %9.0f%n",
                        t.repository(),
                        t.engine(),
                        t.files(),
                        t.bytes() / 1e6,
                        t.tokens(),
                        t.filesPerSecond(),
                        t.mbPerSecond(),
                        t.tokensPerSecond(),
                        t.peakHeapMb(),
                        t.poolPeakMb());
            }
        }
        System.out.println();
    }

    /** The git repository holding the working directory (where {@code bench/run} was started), if any. */
    private static Optional<Path> enclosingRepository() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".git"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Optional<Path> realRepository(String arg) {
        if (arg.equals("none")) {
            return Optional.empty();
        }
        Path p = Path.of(arg).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve(".git")) && !Files.isRegularFile(p.resolve("HEAD"))) {
            throw new IllegalArgumentException("bench/run " + name() + ": argument 3 (repository) '" + arg
                    + "' is not a git repository; pass the folder holding .git, or none");
        }
        return Optional.of(p);
    }
}
