package dev.nightshift.app;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Coverage;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.store.SinkStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated test run written into a real sink store by the sink's own applier, for the CLI's tests:
 * <ul>
 *   <li>j1 (A.java): deepseek's test does not build, its repair passes (+15 of 100 lines, 40 before);</li>
 *   <li>j2 and j3, the two parts of B.java (merged into BTest.java): qwen's part 1 passes, deepseek's part 2 passes
 *       without new coverage.</li>
 * </ul>
 * Ledger dollars 0.0018, two passed tests: 0.0009 per passing test; deepseek 0.0008 for one, qwen 0.001 for one.
 */
public final class TestRuns {
    public static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");
    public static final String A_TEST =
            "package a;\n\nimport org.junit.jupiter.api.Test;\n\nclass ATest {\n    @Test\n    void greets() {\n    }\n}\n";
    public static final String A_BROKEN = "package a;\n\nclass ATest {\n    void greets( {\n}\n";
    public static final String B1_TEST =
            "package a;\n\nimport org.junit.jupiter.api.Test;\n\nclass BTest {\n    @Test\n    void counts() {\n    }\n}\n";
    public static final String B2_TEST =
            "package a;\n\nimport org.junit.jupiter.api.Test;\n\nclass BPart2Test {\n    @Test\n    void counts() {\n"
                    + "        new B().reset();\n    }\n}\n";
    public static final String MERGED_B =
            "package a;\n\nimport org.junit.jupiter.api.Test;\n\nclass BTest {\n    @Test\n    void counts() {\n    }\n\n"
                    + "    @Test\n    void countsPart2() {\n        new B().reset();\n    }\n}\n";

    private static final TestTarget A_TARGET = TestTarget.single(
            "src/test/java/a/ATest.java", "ATest", TestFramework.JUNIT5, "src/main/java/a/A.java", "a", List.of());
    private static final TestTarget B1_TARGET = partOfB(1, "src/test/java/a/BTest.java", "BTest");
    private static final TestTarget B2_TARGET = partOfB(2, "src/test/java/a/BPart2Test.java", "BPart2Test");

    private TestRuns() {}

    /** Writes the run into the store: the plan, then the validated results (with their test targets), one batch each. */
    public static void write(SinkStore store, String runId, boolean simulated) {
        BatchApplier applier = new BatchApplier(store, InstantSource.fixed(T0.plusSeconds(60)));
        List<Incoming> in = new ArrayList<>();
        in.add(new Incoming.Plan(new RunPlanned(
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.TESTS,
                List.of("j1", "j2", "j3"),
                1000,
                List.of(),
                simulated,
                T0)));
        in.add(new Incoming.Event(attempt(
                        runId,
                        "j1",
                        1,
                        "src/main/java/a/A.java",
                        A_TARGET,
                        "deepseek",
                        "deepseek-chat",
                        "0.0003",
                        A_BROKEN,
                        simulated)
                .judged(
                        new Validation(
                                Verdict.BUILD_FAILED,
                                "ATest.java:4: error: illegal start of type",
                                Coverage.NONE,
                                null,
                                0,
                                0,
                                1,
                                900),
                        false,
                        false)));
        in.add(new Incoming.Event(attempt(
                        runId,
                        "j1",
                        2,
                        "src/main/java/a/A.java",
                        A_TARGET,
                        "deepseek",
                        "deepseek-chat",
                        "0.0004",
                        A_TEST,
                        simulated)
                .judged(
                        new Validation(Verdict.PASSED, "", new Coverage(100, 40, 55, 20, 5, 9), A_TEST, 1, 1, 3, 2000),
                        true,
                        true)));
        in.add(new Incoming.Event(attempt(
                        runId,
                        "j2",
                        1,
                        "src/main/java/a/B.java#L1-50",
                        B1_TARGET,
                        "qwen",
                        "qwen2.5-coder",
                        "0.001",
                        B1_TEST,
                        simulated)
                .judged(
                        new Validation(Verdict.PASSED, "", new Coverage(60, 30, 50, 10, 2, 5), B1_TEST, 1, 1, 3, 2000),
                        true,
                        true)));
        in.add(new Incoming.Event(attempt(
                        runId,
                        "j3",
                        1,
                        "src/main/java/a/B.java#L51-100",
                        B2_TARGET,
                        "deepseek",
                        "deepseek-chat",
                        "0.0001",
                        B2_TEST,
                        simulated)
                .judged(
                        new Validation(Verdict.NO_GAIN, "", new Coverage(60, 30, 30, 10, 2, 2), B2_TEST, 1, 1, 3, 2000),
                        true,
                        true)));
        in.forEach(r -> applier.apply(List.of(r)));
    }

    /** One of the two parts B.java was split into, both merged into BTest.java. */
    private static TestTarget partOfB(int part, String path, String name) {
        return new TestTarget(
                path,
                name,
                TestFramework.JUNIT5,
                "src/main/java/a/B.java",
                "a",
                List.of(),
                "src/test/java/a/BTest.java",
                part,
                2);
    }

    private static Job job(String runId, String jobId, String unitPath, boolean simulated, TestTarget target) {
        return new Job(
                jobId,
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.TESTS,
                unitPath,
                "java",
                "h-" + jobId,
                "1",
                "class X {}",
                10,
                100,
                simulated,
                target);
    }

    private static AttemptResult attempt(
            String runId,
            String jobId,
            int attempt,
            String unitPath,
            TestTarget target,
            String provider,
            String model,
            String usd,
            String reply,
            boolean simulated) {
        return new AttemptResult(
                JobRef.of(job(runId, jobId, unitPath, simulated, target)),
                attempt,
                provider,
                model,
                "tests rule",
                Outcome.SUCCEEDED,
                null,
                null,
                Usage.of(1000, 0, 0, 200),
                Money.usd(usd),
                "prices-1",
                1200,
                T0,
                T0.plusMillis(1200),
                "stop",
                reply,
                false);
    }
}
