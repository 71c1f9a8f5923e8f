package dev.nightshift.worker.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.worker.provider.CallRequest;
import dev.nightshift.worker.provider.anthropic.AnthropicClient;
import dev.nightshift.worker.provider.gemini.GeminiClient;
import dev.nightshift.worker.provider.openai.OpenAiClient;
import dev.nightshift.worker.support.TestJobs;
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
        assertThat(p.user()).contains("Path: src/demo/Adder.java", "Language: java", "```java\n" + job.content() + "```\n");
        assertThat(p.system()).contains("unit tests");
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
        assertThat(builder.build(TestJobs.job("run-1", "a/A.java", TaskType.DOCS)).toString()).doesNotContain("Adder");
    }

    static Stream<Function<CallRequest, byte[]>> bodies() {
        return Stream.of(OpenAiClient::body, GeminiClient::body, AnthropicClient::body);
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void rendersTheSameJobToTheSameBytesEveryTime(Function<CallRequest, byte[]> render) {
        CallRequest first = new CallRequest("m", builder.build(TestJobs.job("run-1", "a/A.java", TaskType.DOCS)), 2048);
        CallRequest again = new CallRequest("m", new PromptBuilder().build(TestJobs.job("run-1", "a/A.java", TaskType.DOCS)), 2048);
        assertThat(render.apply(again)).isEqualTo(render.apply(first));
        assertThat(new String(render.apply(first))).contains("2048");
    }
}
