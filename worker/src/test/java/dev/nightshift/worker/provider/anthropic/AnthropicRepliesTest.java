package dev.nightshift.worker.provider.anthropic;

import static dev.nightshift.worker.support.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.RateLimitSnapshot;
import dev.nightshift.worker.provider.http.HttpReply;
import dev.nightshift.worker.support.Failures;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnthropicRepliesTest {
    static final String RECORDED = """
            {"model":"claude-sonnet-4-5-20250929","id":"msg_01MkoP42QB7TUf5m2NVVK2kE","type":"message","role":"assistant",
             "content":[{"type":"text","text":"{\\"product_name\\": \\"Green Tea\\", \\"price\\": 5.50, \\"quantity\\": 2}"}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":249,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                      "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},
                      "output_tokens":26,"service_tier":"standard","inference_geo":"not_available"}}""";

    @Test
    void readsTheRecordedReply() {
        Completion c = AnthropicReplies.read(reply(200, RECORDED));
        assertThat(c.text()).isEqualTo("{\"product_name\": \"Green Tea\", \"price\": 5.50, \"quantity\": 2}");
        assertThat(c.usage()).isEqualTo(new Usage(249L, 0L, 0L, 26L));
        assertThat(c.finishReason()).isEqualTo("end_turn");
    }

    @Test
    void keepsCacheReadsAndWritesApartFromUncachedInputWhichAlreadyExcludesThem() {
        Completion c = AnthropicReplies.read(reply(200, """
                {"type":"message","content":[{"type":"thinking","thinking":"…"},{"type":"text","text":"ok"}],"stop_reason":"end_turn",
                 "usage":{"input_tokens":12,"cache_creation_input_tokens":1800,"cache_read_input_tokens":20000,"output_tokens":340}}"""));
        assertThat(c.text()).isEqualTo("ok");
        assertThat(c.usage()).isEqualTo(new Usage(12L, 20000L, 1800L, 340L));
    }

    static Stream<Arguments> failureShapes() {
        return Stream.of(
                Arguments.of(
                        "429 rate_limit_error with retry-after",
                        reply(429, """
                        {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your account's rate limit. Please try again later."},"request_id":"req_1"}""", "retry-after", "17"),
                        FailureClass.RATE_LIMITED,
                        Duration.ofSeconds(17)),
                Arguments.of(
                        "429 Rate limited (claude-code recording)", reply(429, """
                        {"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}"""), FailureClass.RATE_LIMITED, null),
                Arguments.of("429 enforced spend limit", reply(429, """
                        {"type":"error","error":{"type":"rate_limit_error","message":"You have reached your specified API usage limits.","details":{"error_code":"enforced_spend_limit_reached"}}}"""), FailureClass.QUOTA_EXHAUSTED, null),
                Arguments.of("529 overloaded_error", reply(529, """
                        {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""), FailureClass.OVERLOADED, null),
                Arguments.of("500 api_error", reply(500, """
                        {"type":"error","error":{"type":"api_error","message":"Internal server error"}}"""), FailureClass.TRANSIENT, null),
                Arguments.of("402 billing_error", reply(402, """
                        {"type":"error","error":{"type":"billing_error","message":"Your credit balance is too low."}}"""), FailureClass.QUOTA_EXHAUSTED, null),
                Arguments.of("401 authentication_error", reply(401, """
                        {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"""), FailureClass.UNAUTHORIZED, null),
                Arguments.of("403 permission_error", reply(403, """
                        {"type":"error","error":{"type":"permission_error","message":"no access"}}"""), FailureClass.UNAUTHORIZED, null),
                Arguments.of("400 prompt is too long", reply(400, """
                        {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}"""), FailureClass.CONTEXT_TOO_LONG, null),
                Arguments.of("413 request_too_large", reply(413, """
                        {"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}"""), FailureClass.CONTEXT_TOO_LONG, null),
                Arguments.of("400 invalid_request_error", reply(400, """
                        {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}"""), FailureClass.BAD_REQUEST, null),
                Arguments.of("404 not_found_error", reply(404, """
                        {"type":"error","error":{"type":"not_found_error","message":"model: nope"}}"""), FailureClass.BAD_REQUEST, null),
                Arguments.of("refusal without text", reply(200, """
                        {"type":"message","content":[],"stop_reason":"refusal","usage":{"input_tokens":10,"output_tokens":1}}"""), FailureClass.CONTENT_FILTERED, null),
                Arguments.of("empty body", reply(200, ""), FailureClass.TRANSIENT, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureShapes")
    void classifiesEveryDocumentedFailure(String name, HttpReply reply, FailureClass expected, Duration wait) {
        ProviderFailure f = Failures.of(() -> AnthropicReplies.read(reply));
        assertThat(f.failureClass()).isEqualTo(expected);
        if (wait != null) {
            assertThat(f.retryAfter()).contains(wait);
        }
    }

    @Test
    void readsRateLimitHeadersWithRfc3339Resets() {
        RateLimitSnapshot s = AnthropicReplies.rateLimits(reply(
                200,
                RECORDED,
                "anthropic-ratelimit-requests-limit",
                "50",
                "anthropic-ratelimit-requests-remaining",
                "49",
                "anthropic-ratelimit-requests-reset",
                "2024-10-15T09:49:10Z",
                "anthropic-ratelimit-input-tokens-limit",
                "80000",
                "anthropic-ratelimit-input-tokens-remaining",
                "79000",
                "anthropic-ratelimit-output-tokens-limit",
                "16000",
                "anthropic-ratelimit-tokens-limit",
                "96000"));
        assertThat(s.requests())
                .isEqualTo(new RateLimitSnapshot.Window(50L, 49L, Instant.parse("2024-10-15T09:49:10Z")));
        assertThat(s.inputTokens()).isEqualTo(new RateLimitSnapshot.Window(80000L, 79000L, null));
        assertThat(s.outputTokens().limit()).isEqualTo(16000L);
        assertThat(s.tokens().limit()).isEqualTo(96000L);
    }

    @Test
    void aReplyTheContentFilterEmptiedFailsWithTheUsageTheProviderBilled() {
        HttpReply filtered = reply(200, """
                {"type":"message","content":[],"stop_reason":"refusal","usage":{"input_tokens":10,"output_tokens":1}}""");

        assertThatThrownBy(() -> AnthropicReplies.read(filtered))
                .isInstanceOfSatisfying(ProviderCallException.class, e -> {
                    assertThat(e.failure().failureClass()).isEqualTo(FailureClass.CONTENT_FILTERED);
                    assertThat(e.billed()).isEqualTo(new Usage(10L, 0L, 0L, 1L));
                });
    }
}
