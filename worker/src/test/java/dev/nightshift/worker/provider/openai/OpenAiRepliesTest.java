package dev.nightshift.worker.provider.openai;

import static dev.nightshift.worker.support.Replies.NOW;
import static dev.nightshift.worker.support.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.ProviderFailure.Scope;
import dev.nightshift.worker.provider.RateLimitSnapshot;
import dev.nightshift.worker.provider.http.HttpReply;
import dev.nightshift.worker.support.Failures;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenAiRepliesTest {
    static final String OPENAI_SUCCESS = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1741569952,"model":"gpt-5.4",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I assist you today?","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,
                      "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                      "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
             "service_tier":"default"}""";

    static Stream<Arguments> usageShapes() {
        return Stream.of(
                Arguments.of("OpenAI, nothing cached", OPENAI_SUCCESS, new Usage(19L, 0L, 0L, 10L)),
                Arguments.of(
                        "OpenAI with cached tokens and reasoning inside completion_tokens",
                        """
                        {"choices":[{"message":{"content":"x"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
                                  "prompt_tokens_details":{"cached_tokens":1920},"completion_tokens_details":{"reasoning_tokens":256}}}""",
                        new Usage(86L, 1920L, 0L, 300L)),
                Arguments.of("OpenAI with cache writes", """
                        {"choices":[{"message":{"content":"x"}}],
                         "usage":{"prompt_tokens":3000,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":1000,"cache_write_tokens":1500}}}""", new Usage(500L, 1000L, 1500L, 5L)),
                Arguments.of("DeepSeek hit/miss (recorded)", """
                        {"choices":[{"message":{"content":"x"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":13,"completion_tokens":13,"total_tokens":26,"prompt_tokens_details":{"cached_tokens":0},
                                  "prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":13},"system_fingerprint":"fp_3a5770e1b4_prod0225"}""", new Usage(13L, 0L, 0L, 13L)),
                Arguments.of("Mistral without details: nothing cached", """
                        {"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":40,"total_tokens":50,"completion_tokens":10}}""", new Usage(40L, 0L, 0L, 10L)),
                Arguments.of("a proxy that reports no usage", """
                        {"choices":[{"message":{"content":"x"}}]}""", Usage.NOT_REPORTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageShapes")
    void normalisesUsageToFourDisjointBuckets(String name, String body, Usage expected) {
        assertThat(OpenAiReplies.read(reply(200, body)).usage()).isEqualTo(expected);
    }

    @Test
    void readsTheReplyTextAndFinishReason() {
        Completion c = OpenAiReplies.read(reply(200, OPENAI_SUCCESS));
        assertThat(c.text()).isEqualTo("Hello! How can I assist you today?");
        assertThat(c.finishReason()).isEqualTo("stop");
    }

    static Stream<Arguments> failureShapes() {
        return Stream.of(
                Arguments.of(
                        "429 TPM with retry-after-ms",
                        reply(429, """
                        {"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-XXXX on tokens per min (TPM): Limit 200000, Used 170583, Requested 180002. Please try again in 45.175s. Visit https://platform.openai.com/account/rate-limits to learn more.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", "retry-after", "46", "retry-after-ms", "45175"),
                        FailureClass.RATE_LIMITED,
                        Duration.ofMillis(45175),
                        Scope.TOKENS),
                Arguments.of(
                        "429 RPM with only retry-after",
                        reply(429, """
                        {"error":{"message":"Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", "retry-after", "20"),
                        FailureClass.RATE_LIMITED,
                        Duration.ofSeconds(20),
                        Scope.REQUESTS),
                Arguments.of(
                        "429 whose wait is only in the message",
                        reply(429, """
                        {"error":{"message":"Rate limit reached on tokens per min (TPM). Please try again in 1.5s.","type":"tokens","code":"rate_limit_exceeded"}}"""),
                        FailureClass.RATE_LIMITED,
                        Duration.ofMillis(1500),
                        Scope.TOKENS),
                Arguments.of(
                        "429 whose wait is only in x-ratelimit-reset",
                        reply(429, """
                        {"error":{"message":"Rate limited","type":"requests","code":"rate_limit_exceeded"}}""", "x-ratelimit-reset-requests", "12ms", "x-ratelimit-reset-tokens", "6m0s"),
                        FailureClass.RATE_LIMITED,
                        Duration.ofMillis(12),
                        Scope.REQUESTS),
                Arguments.of(
                        "429 on concurrent requests, typed as requests",
                        reply(429, """
                        {"error":{"message":"Rate limit reached for m1 in organization org-simulated on concurrent requests: Limit 32, Used 32, Requested 1. Please try again in 1s.","type":"requests","code":"rate_limit_exceeded"}}""", "retry-after", "1", "retry-after-ms", "1000"),
                        FailureClass.RATE_LIMITED,
                        Duration.ofSeconds(1),
                        Scope.CONCURRENCY),
                Arguments.of(
                        "429 DeepSeek concurrency without a body",
                        reply(429, ""),
                        FailureClass.RATE_LIMITED,
                        null,
                        Scope.UNKNOWN),
                Arguments.of(
                        "429 insufficient_quota (newer body)",
                        reply(429, """
                        {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"""),
                        FailureClass.QUOTA_EXHAUSTED,
                        null,
                        null),
                Arguments.of(
                        "429 insufficient_quota (older body, code null)",
                        reply(429, """
                        {"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":null}}"""),
                        FailureClass.QUOTA_EXHAUSTED,
                        null,
                        null),
                Arguments.of(
                        "DeepSeek 402 Insufficient Balance", reply(402, """
                        {"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}"""), FailureClass.QUOTA_EXHAUSTED, null, null),
                Arguments.of("400 context_length_exceeded", reply(400, """
                        {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 160012 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}"""), FailureClass.CONTEXT_TOO_LONG, null, null),
                Arguments.of("400 invalid_value", reply(400, """
                        {"error":{"message":"Invalid value for 'temperature'.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}"""), FailureClass.BAD_REQUEST, null, null),
                Arguments.of("401 with top-level status", reply(401, """
                        {"error":{"message":"Incorrect API key provided: sk-abc***xyz.","type":"invalid_request_error","param":null,"code":"invalid_api_key"},"status":401}"""), FailureClass.UNAUTHORIZED, null, null),
                Arguments.of("DeepSeek 503 Server Overloaded", reply(503, """
                        {"error":{"message":"Server Overloaded","type":"server_error"}}"""), FailureClass.OVERLOADED, null, null),
                Arguments.of("500 server error", reply(500, """
                        {"error":{"message":"The server had an error while processing your request.","type":"server_error"}}"""), FailureClass.TRANSIENT, null, null),
                Arguments.of(
                        "502 HTML from a proxy",
                        reply(502, "<html>Bad Gateway</html>"),
                        FailureClass.TRANSIENT,
                        null,
                        null),
                Arguments.of("OpenRouter numeric 402 code", reply(402, """
                        {"error":{"code":402,"message":"Insufficient credits"}}"""), FailureClass.QUOTA_EXHAUSTED, null, null),
                Arguments.of(
                        "OpenRouter error inside an HTTP 200 body",
                        reply(200, """
                        {"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"x"}}}"""),
                        FailureClass.TRANSIENT,
                        null,
                        null),
                Arguments.of(
                        "OpenRouter 429 with numeric code",
                        reply(429, """
                        {"error":{"code":429,"message":"Rate limit exceeded"}}""", "retry-after", "3"),
                        FailureClass.RATE_LIMITED,
                        Duration.ofSeconds(3),
                        Scope.UNKNOWN),
                Arguments.of(
                        "Qwen Throttling.RateQuota", reply(429, """
                        {"error":{"message":"Requests rate limit exceeded, please try again later.","type":"Throttling.RateQuota","code":"Throttling.RateQuota"}}"""), FailureClass.RATE_LIMITED, null, Scope.REQUESTS),
                Arguments.of(
                        "content filter finish without text",
                        reply(200, """
                        {"choices":[{"message":{"content":null},"finish_reason":"content_filter"}],"usage":{"prompt_tokens":5,"completion_tokens":0}}"""),
                        FailureClass.CONTENT_FILTERED,
                        null,
                        null),
                Arguments.of("empty body after keep-alive", reply(200, "\n\n\n\n"), FailureClass.TRANSIENT, null, null),
                Arguments.of(
                        "truncated JSON",
                        reply(200, "{\"choices\":[{\"message\":{\"content\":\"abc"),
                        FailureClass.TRANSIENT,
                        null,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureShapes")
    void classifiesEveryDocumentedFailure(
            String name, HttpReply reply, FailureClass expected, Duration wait, Scope scope) {
        ProviderFailure f = Failures.of(() -> OpenAiReplies.read(reply));
        assertThat(f.failureClass()).isEqualTo(expected);
        if (wait != null) {
            assertThat(f.retryAfter()).contains(wait);
        }
        if (scope != null) {
            assertThat(((ProviderFailure.RateLimited) f).scope()).isEqualTo(scope);
        }
    }

    @Test
    void neverRepeatsAKeyThatTheProviderEchoedInItsMessage() {
        ProviderFailure f = Failures.of(() -> OpenAiReplies.read(reply(401, """
                {"error":{"message":"Incorrect API key provided: sk-proj-abcdefgh1234. You can find your API key at …","type":"invalid_request_error","code":"invalid_api_key"}}""")));
        assertThat(f.reason()).doesNotContain("sk-proj-abcdefgh1234").contains("[redacted]");
    }

    @Test
    void skipsDeepSeekKeepAliveBlankLinesAndSseCommentsBeforeTheJson() {
        Completion c = OpenAiReplies.read(reply(200, "\n\n\n: keep-alive\n\n" + OPENAI_SUCCESS));
        assertThat(c.text()).startsWith("Hello!");
    }

    @Test
    void toleratesAMissingContentAndUnknownFields() {
        Completion c = OpenAiReplies.read(reply(200, """
                {"choices":[{"index":0,"message":{"role":"assistant"},"finish_reason":"length","brand_new":{"a":1}}],"usage":{"prompt_tokens":3,"completion_tokens":0},"x":[1,2]}"""));
        assertThat(c.text()).isEmpty();
        assertThat(c.finishReason()).isEqualTo("length");
    }

    @Test
    void readsRateLimitHeadersIntoASnapshotWithResetsFromTheReplyTime() {
        RateLimitSnapshot s = OpenAiReplies.rateLimits(reply(
                200,
                OPENAI_SUCCESS,
                "x-ratelimit-limit-requests",
                "5000",
                "x-ratelimit-remaining-requests",
                "4999",
                "x-ratelimit-reset-requests",
                "12ms",
                "x-ratelimit-limit-tokens",
                "800000",
                "x-ratelimit-remaining-tokens",
                "799990",
                "x-ratelimit-reset-tokens",
                "2ms"));
        assertThat(s.requests()).isEqualTo(new RateLimitSnapshot.Window(5000L, 4999L, NOW.plusMillis(12)));
        assertThat(s.tokens()).isEqualTo(new RateLimitSnapshot.Window(800000L, 799990L, NOW.plusMillis(2)));
    }

    @Test
    void aReplyTheContentFilterEmptiedFailsWithTheUsageTheProviderBilled() {
        HttpReply filtered = reply(200, """
                {"choices":[{"message":{"content":null},"finish_reason":"content_filter"}],"usage":{"prompt_tokens":5,"completion_tokens":0}}""");

        assertThatThrownBy(() -> OpenAiReplies.read(filtered))
                .isInstanceOfSatisfying(ProviderCallException.class, e -> {
                    assertThat(e.failure().failureClass()).isEqualTo(FailureClass.CONTENT_FILTERED);
                    assertThat(e.billed()).isEqualTo(new Usage(5L, 0L, 0L, 0L));
                });
    }
}
