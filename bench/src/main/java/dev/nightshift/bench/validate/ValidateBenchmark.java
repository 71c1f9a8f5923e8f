package dev.nightshift.bench.validate;

import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.Figures;
import dev.nightshift.bench.harness.Percentiles;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.validator.Validator;
import dev.nightshift.validator.ValidatorSettings;
import dev.nightshift.validator.runner.java.JavaMavenRunner;
import dev.nightshift.validator.runner.java.JavaRunnerOptions;
import dev.nightshift.validator.sandbox.Sandbox;
import dev.nightshift.validator.sandbox.Sandboxes;
import dev.nightshift.validator.workspace.Workspaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run validate [candidates=18] [runs=3]}: the validator's fast path (compile in process, run in the
 * sandbox with the console launcher {@code runs} times, measure coverage) against the naive per-test build
 * ({@code mvn -q -o -Dtest=X test} in a copy of the project, once), on the same generated tests for this
 * repository's {@code core} module, taking turns candidate by candidate in one run.
 */
public final class ValidateBenchmark implements Benchmark {
    private static final int FAST = 0;
    private static final int NAIVE = 1;

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String description() {
        return "[candidates=18] [runs=3] validator fast path vs mvn -Dtest=X test per candidate, on core";
    }

    @Override
    public void run(String[] args) throws Exception {
        List<CoreCandidates> all = CoreCandidates.all();
        BenchArgs parsed = new BenchArgs(name(), args);
        int count = Math.min(all.size(), parsed.positiveInt(0, "candidates", all.size()));
        int runs = parsed.positiveInt(1, "runs", 3);
        List<CoreCandidates> candidates = all.subList(0, count);
        Path nightshift = CoreProject.enclosingRepository();

        try (ScratchDir work = new ScratchDir("nightshift-bench-validate")) {
            Path repo = work.resolve("core");
            String commit = CoreProject.write(nightshift, repo);
            Path copy = work.resolve("core-naive");
            CoreProject.copy(repo, copy);

            ValidatorSettings settings = new ValidatorSettings(
                    work.resolve("home"), runs, Duration.ofSeconds(120), 2L << 30, 256, false, true, 4000);
            Sandbox sandbox = Sandboxes.detect(settings);
            JavaMavenRunner runner = new JavaMavenRunner(
                    settings, sandbox, JavaRunnerOptions.defaults().withMavenArgs("-o"));
            Workspaces workspaces = new Workspaces(settings.home(), 2, Duration.ofMinutes(5));
            Validator validator = new Validator(settings, workspaces, List.of(runner));
            NaivePass naive = new NaivePass(copy, work.resolve("naive-mvn.log"));

            // one-time costs, untimed in the rates: the workspace (build + baseline coverage), the copy's first build
            long t = System.nanoTime();
            workspaces.open(repo.toString(), commit, runner).close();
            double prepareSeconds = (System.nanoTime() - t) / 1e9;
            double naiveWarmUpSeconds = naive.warmUp() / 1e9;
            System.err.printf(
                    Locale.ROOT,
                    "prepared the workspace in %.1f s, the naive copy in %.1f s; sandbox: %s%n",
                    prepareSeconds,
                    naiveWarmUpSeconds,
                    sandbox.describe());
            // untimed candidates first, so neither pass pays for a cold page cache, nor the validator (a long-running
            // service) for its compiler's first, unoptimised compilations; each Maven build starts cold anyway
            for (CoreCandidates warm : all.subList(0, 3)) {
                validator.validate(repo.toString(), commit, warm.candidate());
            }
            naive.judge(all.get(0));

            List<Row> rows = new ArrayList<>();
            try (RssPeak rss = new RssPeak(2)) {
                for (CoreCandidates c : candidates) {
                    rss.phase(FAST);
                    double cpu = CpuTicks.seconds();
                    long f = System.nanoTime();
                    Validation v = validator.validate(repo.toString(), commit, c.candidate());
                    long fastNanos = System.nanoTime() - f;
                    double fastCpu = CpuTicks.seconds() - cpu;
                    rss.phase(NAIVE);
                    cpu = CpuTicks.seconds();
                    NaivePass.Result n = naive.judge(c);
                    double naiveCpu = CpuTicks.seconds() - cpu;
                    rss.phase(-1);
                    rows.add(new Row(c, v, fastNanos, fastCpu, n, naiveCpu, runs));
                    System.err.printf(
                            Locale.ROOT,
                            "%-32s %-14s %6.1f s   naive %-4s %6.1f s%n",
                            c.testClass(),
                            v.verdict().id(),
                            fastNanos / 1e9,
                            n.passed() ? "pass" : "fail",
                            n.nanos() / 1e9);
                }
                printTable(rows);
                figures(rows, runs, prepareSeconds, naiveWarmUpSeconds, rss, sandbox)
                        .print();
            }
        }
    }

    record Row(
            CoreCandidates c,
            Validation v,
            long fastNanos,
            double fastCpu,
            NaivePass.Result naive,
            double naiveCpu,
            int runsPerCandidate) {
        /**
         * The validator's view of "the whole test passes" next to the naive build's: a pass or no gain without a
         * second round (a second round means failing cases were removed first).
         */
        boolean agrees() {
            boolean whole =
                    (v.verdict() == Verdict.PASSED || v.verdict() == Verdict.NO_GAIN) && v.runs() == runsPerCandidate;
            return whole == naive.passed();
        }
    }

    private static void printTable(List<Row> rows) {
        System.out.printf(
                Locale.ROOT,
                "%-30s %-20s %-14s %5s %7s %8s %8s   %-5s %8s %8s%n",
                "candidate",
                "expected",
                "verdict",
                "kept",
                "+lines",
                "fast s",
                "cpu s",
                "naive",
                "naive s",
                "cpu s");
        for (Row r : rows) {
            System.out.printf(
                    Locale.ROOT,
                    "%-30s %-20s %-14s %5s %7d %8.2f %8.2f   %-5s %8.2f %8.2f%n",
                    r.c().testClass(),
                    r.c().expected(),
                    r.v().verdict().id(),
                    r.v().casesKept() + "/" + r.v().casesRun(),
                    r.v().coverage().linesGained(),
                    r.fastNanos() / 1e9,
                    r.fastCpu(),
                    r.naive().passed() ? "pass" : "fail",
                    r.naive().nanos() / 1e9,
                    r.naiveCpu());
        }
        System.out.println();
    }

    private Figures figures(
            List<Row> rows, int runs, double prepareSeconds, double naiveWarmUpSeconds, RssPeak rss, Sandbox sandbox) {
        long[] fast = rows.stream().mapToLong(Row::fastNanos).toArray();
        long[] slow = rows.stream().mapToLong(r -> r.naive().nanos()).toArray();
        double fastMinutes = sum(fast) / 60e9;
        double naiveMinutes = sum(slow) / 60e9;
        double perMinute = rows.size() / fastMinutes;
        double naivePerMinute = rows.size() / naiveMinutes;
        Percentiles p = new Percentiles(fast);
        Percentiles np = new Percentiles(slow);
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        rows.forEach(r -> verdicts.merge(r.v().verdict().id(), 1, Integer::sum));
        long agree = rows.stream().filter(Row::agrees).count();
        double fastCpu = rows.stream().mapToDouble(Row::fastCpu).sum() / rows.size();
        double naiveCpu = rows.stream().mapToDouble(Row::naiveCpu).sum() / rows.size();
        return new Figures(name())
                .add("testsPerMinute", "fast path: candidates judged per minute", perMinute)
                .add("naiveTestsPerMinute", "naive mvn -Dtest=X test: candidates per minute", naivePerMinute)
                .add("ratio", "fast / naive (goal >= 5)", perMinute / naivePerMinute)
                .add("p50Seconds", "fast path: p50 seconds per candidate", p.at(50) / 1e9)
                .add("p95Seconds", "fast path: p95 seconds per candidate", p.at(95) / 1e9)
                .add("naiveP50Seconds", "naive: p50 seconds per candidate", np.at(50) / 1e9)
                .add("naiveP95Seconds", "naive: p95 seconds per candidate", np.at(95) / 1e9)
                .add("cpuSecondsPerCandidate", "fast path: CPU seconds per candidate (all processes)", fastCpu)
                .add("naiveCpuSecondsPerCandidate", "naive: CPU seconds per candidate (all processes)", naiveCpu)
                .add("cpuRatio", "naive / fast CPU seconds per candidate", naiveCpu / fastCpu)
                .add("peakRssMb", "fast path: peak RSS MB (validator JVM + children)", rss.peakMb(FAST))
                .add("naivePeakRssMb", "naive: peak RSS MB (bench JVM + mvn + surefire)", rss.peakMb(NAIVE))
                .add("prepareSeconds", "workspace preparation, once per commit (s)", prepareSeconds)
                .add("naiveWarmUpSeconds", "naive copy's first build, once (s)", naiveWarmUpSeconds)
                .add("candidates", "candidates", rows.size())
                .add("runsPerCandidate", "fast path: runs per candidate", runs)
                .add("agreement", "candidates where both agree the whole test passes or not", agree)
                .json("verdicts", verdicts)
                .json("sandbox", sandbox.describe())
                .json("cores", Runtime.getRuntime().availableProcessors());
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
