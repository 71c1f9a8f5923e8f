package dev.nightshift.bench.dispatch;

import dev.nightshift.bench.Benchmark;
import dev.nightshift.bench.harness.BenchArgs;
import dev.nightshift.bench.harness.Figures;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.testkit.KafkaTestBroker;
import java.time.Duration;
import java.util.Map;

/**
 * {@code bench/run dispatch [jobs=20000]}: N jobs through router → worker → sink against a
 * zero-latency simulator with unlimited quota, beside raw Kafka produce → share-consume → produce of the
 * same records, both on the same in-JVM broker in the same run.
 */
public final class DispatchBenchmark implements Benchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return "dispatch";
    }

    @Override
    public String description() {
        return "[jobs=20000] router→worker→sink on a zero-latency simulator vs raw Kafka produce→share-consume→produce";
    }

    @Override
    public void run(String[] args) throws Exception {
        int jobs = new BenchArgs(name(), args).positiveInt(0, "jobs", 20_000);
        NightshiftConfig config = ConfigLoader.loadDefault(Map.of());
        String bootstrap = KafkaTestBroker.bootstrapServers();
        try (ScratchDir dir = new ScratchDir("nightshift-bench-dispatch")) {
            // A small unreported raw pass first, so neither measured pass pays for the broker's first topics and JIT.
            RawKafkaPass.run(
                    bootstrap,
                    "bench.warm",
                    DispatchWorkload.of("r-bench-warm", Math.min(jobs, 500)).jobs(),
                    TIMEOUT);
            Pass raw = RawKafkaPass.run(
                    bootstrap,
                    "bench.raw",
                    DispatchWorkload.of("r-bench-raw", jobs).jobs(),
                    TIMEOUT);
            Pass pipeline = PipelinePass.run(
                    bootstrap, config, dir.resolve("sink"), DispatchWorkload.of("r-bench-dispatch", jobs), TIMEOUT);
            new Figures(name())
                    .add("jobs", "jobs", jobs)
                    .add("jobsPerSecond", "pipeline jobs/s (goal >= 1000)", pipeline.jobsPerSecond())
                    .add("rawJobsPerSecond", "raw Kafka records/s (baseline)", raw.jobsPerSecond())
                    .add("ratio", "ratio pipeline / raw (goal >= 0.5)", pipeline.jobsPerSecond() / raw.jobsPerSecond())
                    .add("cpuMsPerJob", "pipeline CPU ms per job (whole JVM)", pipeline.cpuMsPerJob())
                    .add("rawCpuMsPerJob", "raw CPU ms per record (whole JVM)", raw.cpuMsPerJob())
                    .add("pipelineSeconds", "pipeline wall s", pipeline.seconds())
                    .add("rawSeconds", "raw wall s", raw.seconds())
                    .json("cores", Runtime.getRuntime().availableProcessors())
                    .print();
        }
    }
}
