package dev.nightshift.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.validation.Repair;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.worker.provider.CallRequest;
import dev.nightshift.worker.provider.anthropic.AnthropicClient;
import dev.nightshift.worker.provider.gemini.GeminiClient;
import dev.nightshift.worker.provider.openai.OpenAiClient;
import dev.nightshift.worker.support.TestJobs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PromptBuilderTest {
    private final PromptBuilder builder = new PromptBuilder();

    @ParameterizedTest
    @EnumSource(TaskType.class)
    void keepsEverySystemInstructionUnder200Tokens(TaskType task) {
        assertThat(TokenCounter.count(PromptBuilder.system(task))).isLessThan(200);
    }

    @Test
    void putsThePathTheLanguageAndTheCodeInAFencedBlock() {
        Job job = TestJobs.job("run-1", "src/demo/Adder.java", TaskType.TESTS);
        Prompt p = builder.build(job);
        assertThat(p.user())
                .contains("Path: src/demo/Adder.java", "Language: java", "```java\n" + job.content() + "```\n");
        assertThat(p.system()).contains("unit tests");
    }

    @Test
    void statesTheTestsExactPlaceFrameworkImportsAndLibraries() {
        Job plain = TestJobs.job("run-1", "src/main/java/demo/Adder.java", TaskType.TESTS);
        TestTarget target = new TestTarget(
                "src/test/java/demo/AdderPart2Test.java",
                "AdderPart2Test",
                TestFramework.JUNIT4,
                "src/main/java/demo/Adder.java",
                "package demo (same package as the code under test)",
                List.of("assertj"),
                "src/test/java/demo/AdderTest.java",
                2,
                3);

        Prompt p = builder.build(withTarget(plain, target));

        assertThat(p.user())
                .contains(
                        "Test file: src/test/java/demo/AdderPart2Test.java\n",
                        "Test name: AdderPart2Test\n",
                        "Framework: junit4 - JUnit 4",
                        "Import: package demo",
                        "Libraries: assertj\n",
                        "Part: 2 of 3");
        assertThat(p.user().indexOf("Test file:")).isLessThan(p.user().indexOf("```java"));
    }

    @Test
    void aRepairRoundAddsTheRejectedTestAndItsDiagnosticsAfterTheCode() {
        Job job = withTarget(
                TestJobs.job("run-1", "src/main/java/demo/Adder.java", TaskType.TESTS),
                TestTarget.single(
                        "src/test/java/demo/AdderTest.java",
                        "AdderTest",
                        TestFramework.JUNIT5,
                        "src/main/java/demo/Adder.java",
                        "package demo",
                        List.of()));
        Repair repair = new Repair(
                1,
                "class AdderTest { String s = \"```\"; }",
                Verdict.BUILD_FAILED,
                "AdderTest.java:3: error: cannot find symbol");

        Prompt first = builder.build(new LaneRequest(job, ModelRef.parse("deepseek/deepseek-chat"), "", 1));
        Prompt repaired = builder.build(new LaneRequest(job, ModelRef.parse("deepseek/deepseek-chat"), "", 2, repair));

        assertThat(repaired.system()).isEqualTo(first.system());
        assertThat(repaired.user())
                .startsWith(first.user())
                .contains(
                        "Repair round 1: your previous test was rejected (build-failed).",
                        "AdderTest.java:3: error: cannot find symbol",
                        "````java\nclass AdderTest { String s = \"```\"; }\n````\n");
        assertThat(first.user()).doesNotContain("Repair round");
    }

    private static Job withTarget(Job j, TestTarget target) {
        return new Job(
                j.jobId(),
                j.runId(),
                j.tenant(),
                j.repository(),
                j.commit(),
                j.task(),
                j.unitPath(),
                j.language(),
                j.contentHash(),
                j.promptVersion(),
                j.content(),
                j.inputTokens(),
                j.maxOutputTokens(),
                j.simulated(),
                target);
    }

    @Test
    void usesALongerFenceWhenTheCodeItselfContainsBackticks() {
        assertThat(PromptBuilder.fenceFor("String md = \"```java\";")).isEqualTo("````");
        assertThat(PromptBuilder.fenceFor("no ticks")).isEqualTo("```");
    }

    @Test
    void givesEveryJobOfATaskTheSameSystemPrefix() {
        Prompt a = builder.build(TestJobs.job("run-1", "a/A.java", TaskType.DOCS));
        Prompt b = builder.build(TestJobs.job("run-2", "b/B.java", TaskType.DOCS));
        assertThat(a.system()).isEqualTo(b.system());
    }

    @Test
    void neverShowsSourceTextWhenPrinted() {
        assertThat(builder.build(TestJobs.job("run-1", "a/A.java", TaskType.DOCS))
                        .toString())
                .doesNotContain("Adder");
    }

    static Stream<Function<CallRequest, byte[]>> bodies() {
        return Stream.of(OpenAiClient::body, GeminiClient::body, AnthropicClient::body);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void rendersTheSameJobToTheSameBytesEveryTime(Function<CallRequest, byte[]> render) {
        CallRequest first = new CallRequest("m", builder.build(TestJobs.job("run-1", "a/A.java", TaskType.DOCS)), 2048);
        CallRequest again =
                new CallRequest("m", new PromptBuilder().build(TestJobs.job("run-1", "a/A.java", TaskType.DOCS)), 2048);
        assertThat(render.apply(again)).isEqualTo(render.apply(first));
        assertThat(new String(render.apply(first), StandardCharsets.UTF_8)).contains("2048");
    }
}
