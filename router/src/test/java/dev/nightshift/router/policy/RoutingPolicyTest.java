package dev.nightshift.router.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.Jobs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final ModelRef GEMINI = ModelRef.parse("gemini/gemini-1.5-flash");
    private static final ModelRef DEEPSEEK = ModelRef.parse("deepseek/deepseek-chat");
    private static final ModelRef QWEN = ModelRef.parse("qwen/qwen2.5-coder");

    private final RoutingPolicy policy = RoutingPolicy.fromCore(CONFIG, Constraints.DEFAULT);

    @Test
    void sendsDocumentationToTheFirstModelOfTheDocsRule() {
        // Given a small documentation job
        Job job = Jobs.job("r1", "src/A.java", TaskType.DOCS, 1_000);

        // When it is routed
        RouteDecision decision = policy.route(job, ProviderView.ALL_HEALTHY);

        // Then the docs rule's first choice takes it, and the reason says so
        assertThat(decision).isInstanceOf(RouteDecision.Routed.class);
        RouteDecision.Routed routed = (RouteDecision.Routed) decision;
        assertThat(routed.model()).isEqualTo(GEMINI);
        assertThat(routed.chainIndex()).isZero();
        assertThat(routed.reason())
                .contains("docs-long-context")
                .contains(GEMINI.toString())
                .contains("first choice");
    }

    @Test
    void sendsTestGenerationToTheFirstModelOfTheTestsRule() {
        Job job = Jobs.job("r1", "src/A.java", TaskType.TESTS, 1_000);

        RouteDecision decision = policy.route(job, ProviderView.ALL_HEALTHY);

        assertThat(((RouteDecision.Routed) decision).model()).isEqualTo(DEEPSEEK);
        assertThat(decision.reason()).contains("tests-cheap");
    }

    @Test
    void skipsAModelWhoseContextWindowCannotHoldInputPlusOutputWithMargin() {
        // Given a test job of 120,000 tokens: 120,000 + 10% + 512 + 4,096 output exceeds DeepSeek's 128,000
        Job job = Jobs.job("r1", "src/Big.java", TaskType.TESTS, 120_000);

        // When it is routed
        RouteDecision decision = policy.route(job, ProviderView.ALL_HEALTHY);

        // Then the next model of the chain takes it, and the reason names why DeepSeek was skipped
        RouteDecision.Routed routed = (RouteDecision.Routed) decision;
        assertThat(routed.model()).isEqualTo(QWEN);
        assertThat(routed.chainIndex()).isEqualTo(1);
        assertThat(routed.reason())
                .contains("skipped " + DEEPSEEK + " (needs 136608 tokens with margin, context window 128000)");
    }

    @Test
    void countsTheMarginSoThatAJobThatFitsOnlyWithoutItIsSkipped() {
        // Given a job that fits DeepSeek's window exactly by raw count (118,000 + 4,096 ≤ 128,000) but not with margin
        Job job = Jobs.job("r1", "src/Edge.java", TaskType.TESTS, 118_000);

        RouteDecision decision = policy.route(job, ProviderView.ALL_HEALTHY);

        assertThat(((RouteDecision.Routed) decision).model()).isNotEqualTo(DEEPSEEK);
    }

    @Test
    void acceptsAJobThatFitsWithItsMargin() {
        // 100,000 + 10,000 + 512 + 4,096 = 114,608 ≤ 128,000
        Job job = Jobs.job("r1", "src/Fits.java", TaskType.TESTS, 100_000);

        RouteDecision decision = policy.route(job, ProviderView.ALL_HEALTHY);

        assertThat(((RouteDecision.Routed) decision).model()).isEqualTo(DEEPSEEK);
    }

    @Test
    void endsAJobThatNoModelOfItsChainCanHoldAsContextTooLong() {
        // Given a test job bigger than every model of the tests chain (largest: Qwen, 256,000)
        Job job = Jobs.job("r1", "src/Huge.java", TaskType.TESTS, 300_000);

        // When it is routed
        RouteDecision decision = policy.route(job, ProviderView.ALL_HEALTHY);

        // Then it is unroutable for its context, naming the first choice and why each model was skipped
        assertThat(decision).isInstanceOf(RouteDecision.Unroutable.class);
        RouteDecision.Unroutable no = (RouteDecision.Unroutable) decision;
        assertThat(no.failureClass()).isEqualTo(FailureClass.CONTEXT_TOO_LONG);
        assertThat(no.firstChoice()).isEqualTo(DEEPSEEK);
        assertThat(no.reason())
                .contains("tests-cheap")
                .contains(DEEPSEEK.toString())
                .contains(QWEN.toString())
                .contains("openai/gpt-4o-mini")
                .contains("context window");
    }

    @Test
    void aMillionTokenDocumentationJobStillFitsTheLongContextModel() {
        // 880,000 + 88,000 + 512 + 2,048 = 970,560 ≤ 1,000,000
        Job job = Jobs.job("r1", "all.md", TaskType.DOCS, 880_000);

        RouteDecision decision = policy.route(job, ProviderView.ALL_HEALTHY);

        assertThat(((RouteDecision.Routed) decision).model()).isEqualTo(GEMINI);
    }
}
