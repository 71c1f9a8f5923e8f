package dev.nightshift.sink;

import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
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
import dev.nightshift.sink.apply.Incoming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test run as the validator leaves it, for the sink's tests: four jobs, nine attempts, every kind of verdict.
 * <ul>
 *   <li>j1 ({@code src/main/java/a/A.java}): attempt 1 does not build; its repair on the same model passes
 *       (+15 lines, +4 branches of 100 and 20; 40 and 5 covered before). Repaired, not escalated.</li>
 *   <li>j2 (part 1 of 2 of {@code src/main/java/a/B.java}): fails, is flaky, then passes on the next model (+20
 *       lines, +3 branches of 60 and 10; 30 and 2 before). Repaired and escalated.</li>
 *   <li>j3 (part 2 of 2 of B.java): passes without new coverage and is delivered; its {@code Job} record arrives
 *       after its result.</li>
 *   <li>j4 ({@code src/c.py}, Python): the validator fails for reasons of its own, then a call fails before any
 *       test, then its test times out and the job ends failed; its {@code Job} record arrives last.</li>
 * </ul>
 * Ledger dollars 0.00287, two tests passed: 0.001435 per passing test.
 */
public final class ValidatedRun {
    public static final String DEEPSEEK = "deepseek/deepseek-chat";
    public static final String QWEN = "qwen/qwen2.5-coder";
    public static final String TOTAL_USD = "0.00287";
    public static final String A_TEST =
            "package a;\n\nimport org.junit.jupiter.api.Test;\n\nclass ATest {\n    @Test\n    void greets() {\n    }\n}\n";
    public static final String A_BROKEN = "package a;\n\nclass ATest {\n    void greets( {\n}\n";
    public static final String B1_TEST =
            "package a;\n\nimport org.junit.jupiter.api.Test;\n\nclass BTest {\n    @Test\n    void counts() {\n    }\n}\n";
    public static final String B2_TEST = "package a;\n\nimport static org.junit.jupiter.api.Assertions.assertTrue;\n\n"
            + "import org.junit.jupiter.api.Test;\n\nclass BPart2Test {\n    @Test\n    void counts() {\n        assertTrue(true);\n    }\n\n"
            + "    @Test\n    void resets() {\n    }\n}\n";

    public static final TestTarget A_TARGET = TestTarget.single(
            "src/test/java/a/ATest.java", "ATest", TestFramework.JUNIT5, "src/main/java/a/A.java", "a", List.of());
    public static final TestTarget B1_TARGET = new TestTarget(
            "src/test/java/a/BTest.java",
            "BTest",
            TestFramework.JUNIT5,
            "src/main/java/a/B.java",
            "a",
            List.of(),
            "src/test/java/a/BTest.java",
            1,
            2);
    public static final TestTarget B2_TARGET = new TestTarget(
            "src/test/java/a/BPart2Test.java",
            "BPart2Test",
            TestFramework.JUNIT5,
            "src/main/java/a/B.java",
            "a",
            List.of(),
            "src/test/java/a/BTest.java",
            2,
            2);
    public static final TestTarget C_TARGET = TestTarget.single(
            "tests/test_c.py", "test_c", TestFramework.PYTEST, "src/c.py", "from src.c import count", List.of());
    private static final Map<String, TestTarget> TARGETS =
            Map.of("j1", A_TARGET, "j2", B1_TARGET, "j3", B2_TARGET, "j4", C_TARGET);

    private ValidatedRun() {}

    public static RunPlanned plan(String runId) {
        return new RunPlanned(
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.TESTS,
                List.of("j1", "j2", "j3", "j4"),
                1000,
                List.of(),
                true,
                Fixtures.T0);
    }

    /** The plan, then the results: all the sink learns of the jobs, their test targets too, comes with them. */
    public static List<Incoming> records(String runId) {
        List<Incoming> in = new ArrayList<>();
        in.add(new Incoming.Plan(plan(runId)));
        in.addAll(results(runId));
        return in;
    }

    public static List<Incoming> results(String runId) {
        Coverage a = new Coverage(100, 40, 55, 20, 5, 9);
        Coverage b1 = new Coverage(60, 30, 50, 10, 2, 5);
        Coverage b2 = new Coverage(60, 30, 30, 10, 2, 2);
        String aUnit = "src/main/java/a/A.java";
        String b1Unit = "src/main/java/a/B.java#L1-50";
        String b2Unit = "src/main/java/a/B.java#L51-100";
        return List.of(
                result(attempt(runId, "j1", 1, aUnit, "java", DEEPSEEK, "0.0003", A_BROKEN)
                        .judged(
                                new Validation(
                                        Verdict.BUILD_FAILED,
                                        "ATest.java:4: error: illegal start of type\n1 error",
                                        Coverage.NONE,
                                        null,
                                        0,
                                        0,
                                        1,
                                        900),
                                false,
                                false)),
                result(attempt(runId, "j1", 2, aUnit, "java", DEEPSEEK, "0.0004", "```java\n" + A_TEST + "```\n")
                        .judged(new Validation(Verdict.PASSED, "", a, A_TEST, 1, 1, 3, 2100), true, true)),
                result(attempt(runId, "j2", 1, b1Unit, "java", DEEPSEEK, "0.0002", B1_TEST)
                        .judged(
                                new Validation(Verdict.FAILED, "counts: expected 2 but was 3", b1, null, 1, 0, 1, 800),
                                false,
                                false)),
                result(attempt(runId, "j2", 2, b1Unit, "java", DEEPSEEK, "0.0002", B1_TEST)
                        .judged(
                                new Validation(Verdict.FLAKY, "counts passed 2 of 3 runs", b1, null, 1, 0, 3, 1600),
                                false,
                                false)),
                result(attempt(runId, "j2", 3, b1Unit, "java", QWEN, "0.001", B1_TEST)
                        .judged(new Validation(Verdict.PASSED, "", b1, B1_TEST, 1, 1, 3, 1500), true, true)),
                result(attempt(runId, "j3", 1, b2Unit, "java", DEEPSEEK, "0.0001", B2_TEST)
                        .judged(new Validation(Verdict.NO_GAIN, "", b2, B2_TEST, 2, 2, 3, 1700), true, true)),
                result(attempt(
                                runId,
                                "j4",
                                1,
                                "src/c.py",
                                "python",
                                DEEPSEEK,
                                "0.0005",
                                "def test_c():\n    assert count() == 1\n")
                        .judged(
                                new Validation(
                                        Verdict.INFRASTRUCTURE,
                                        "pytest is not installed in the sandbox",
                                        Coverage.NONE,
                                        null,
                                        0,
                                        0,
                                        0,
                                        50),
                                false,
                                false)),
                result(new AttemptResult(
                        ref(runId, "j4", "src/c.py", "python"),
                        2,
                        "deepseek",
                        "deepseek-chat",
                        "tests rule",
                        Outcome.FAILED,
                        FailureClass.INVALID_OUTPUT,
                        "no code block",
                        Usage.of(100, 0, 0, 10),
                        Money.usd("0.00007"),
                        "prices-1",
                        500,
                        Fixtures.T0,
                        Fixtures.T0.plusMillis(500),
                        "stop",
                        null,
                        false)),
                result(attempt(
                                runId,
                                "j4",
                                3,
                                "src/c.py",
                                "python",
                                DEEPSEEK,
                                "0.0001",
                                "def test_c():\n    while True:\n        pass\n")
                        .judged(
                                new Validation(
                                        Verdict.TIMEOUT,
                                        "test_c ran past 60 s\nkilled",
                                        Coverage.NONE,
                                        null,
                                        1,
                                        0,
                                        1,
                                        60_000),
                                false,
                                true)));
    }

    public static Job job(String runId, String jobId, String unitPath, String language, TestTarget target) {
        return new Job(
                jobId,
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.TESTS,
                unitPath,
                language,
                "h-" + jobId,
                "1",
                "class X {}",
                10,
                100,
                true,
                target);
    }

    /** How a worker refers to one of the run's jobs: with its content key and test target. */
    public static JobRef ref(String runId, String jobId, String unitPath, String language) {
        return JobRef.of(job(runId, jobId, unitPath, language, TARGETS.get(jobId)));
    }

    /** An answered test call, before the validator: its reply is the candidate. */
    public static AttemptResult attempt(
            String runId,
            String jobId,
            int attempt,
            String unitPath,
            String language,
            String model,
            String usd,
            String reply) {
        String provider = model.substring(0, model.indexOf('/'));
        return new AttemptResult(
                ref(runId, jobId, unitPath, language),
                attempt,
                provider,
                model.substring(model.indexOf('/') + 1),
                "tests rule",
                Outcome.SUCCEEDED,
                null,
                null,
                Usage.of(1000, 0, 0, 200),
                Money.usd(usd),
                "prices-1",
                1200,
                Fixtures.T0,
                Fixtures.T0.plusMillis(1200),
                "stop",
                reply,
                false);
    }

    private static Incoming result(AttemptResult r) {
        return new Incoming.Event(r);
    }
}
