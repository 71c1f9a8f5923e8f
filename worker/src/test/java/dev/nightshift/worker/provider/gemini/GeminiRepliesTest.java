package dev.nightshift.worker.provider.gemini;

import static dev.nightshift.worker.support.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.provider.Completion;
import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import dev.nightshift.worker.provider.ProviderFailure.Scope;
import dev.nightshift.worker.provider.http.HttpReply;
import dev.nightshift.worker.support.Failures;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiRepliesTest {
    static final String SUCCESS = """
            {"candidates":[{"content":{"parts":[{"text":"```python\\nprint(1)\\n```"}],"role":"model"},"finishReason":"STOP","index":0,
              "safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]}],
             "usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":87,"totalTokenCount":96}}""";

    static Stream<Arguments> usageShapes() {
        return Stream.of(
                Arguments.of("plain", SUCCESS, new Usage(9L, 0L, 0L, 87L)),
                Arguments.of("thinking tokens billed as output (recorded)", """
                        {"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"STOP"}],
                         "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":87,"thoughtsTokenCount":156,"totalTokenCount":255}}""", new Usage(12L, 0L, 0L, 243L)),
                Arguments.of("explicit cache: promptTokenCount includes cached", """
                        {"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"STOP"}],
                         "usageMetadata":{"promptTokenCount":323388,"candidatesTokenCount":397,"totalTokenCount":323785,"cachedContentTokenCount":323383}}""", new Usage(5L, 323383L, 0L, 397L)),
                Arguments.of("no usageMetadata", """
                        {"candidates":[{"content":{"parts":[{"text":"x"}]}}]}""", Usage.NOT_REPORTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageShapes")
    void normalisesUsageMetadata(String name, String body, Usage expected) {
        assertThat(GeminiReplies.read(reply(200, body)).usage()).isEqualTo(expected);
    }

    @Test
    void joinsTextPartsAndSkipsThoughts() {
        Completion c = GeminiReplies.read(reply(200, """
                {"candidates":[{"content":{"parts":[{"text":"thinking…","thought":true},{"text":"a"},{"text":"b"}]},"finishReason":"STOP"}]}"""));
        assertThat(c.text()).isEqualTo("ab");
        assertThat(c.finishReason()).isEqualTo("STOP");
    }

    @Test
    void toleratesACandidateWithoutPartsWhenThinkingUsedTheWholeBudget() {
        Completion c = GeminiReplies.read(reply(200, """
                {"candidates":[{"content":{"role":"model"},"finishReason":"MAX_TOKENS","index":0}],
                 "usageMetadata":{"promptTokenCount":10,"totalTokenCount":2058,"thoughtsTokenCount":2048}}"""));
        assertThat(c.text()).isEmpty();
        assertThat(c.usage()).isEqualTo(new Usage(10L, 0L, 0L, 2048L));
    }

    static Stream<Arguments> failureShapes() {
        return Stream.of(
                Arguments.of(
                        "429 per-minute quota with RetryInfo",
                        reply(429, """
                        {"error":{"code":429,"message":"You exceeded your current quota. Please retry in 58.217843437s.","status":"RESOURCE_EXHAUSTED",
                          "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
                              "quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaDimensions":{"model":"gemini-2.0-flash","location":"global"},"quotaValue":"5"}]},
                            {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},
                            {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"58s"}]}}"""),
                        FailureClass.RATE_LIMITED,
                        Duration.ofSeconds(58),
                        Scope.REQUESTS),
                Arguments.of(
                        "429 with the wait only in the message",
                        reply(429, """
                        {"error":{"code":429,"message":"Resource has been exhausted. Please retry in 0.54s.","status":"RESOURCE_EXHAUSTED"}}"""),
                        FailureClass.RATE_LIMITED,
                        Duration.ofMillis(540),
                        Scope.UNKNOWN),
                Arguments.of(
                        "Vertex 429 without details", reply(429, """
                        {"error":{"code":429,"message":"Resource exhausted. Please try again later.","status":"RESOURCE_EXHAUSTED"}}"""), FailureClass.RATE_LIMITED, null, Scope.UNKNOWN),
                Arguments.of("429 per-day quota", reply(429, """
                        {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure",
                          "violations":[{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaValue":"50"}]},
                          {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3s"}]}}"""), FailureClass.QUOTA_EXHAUSTED, null, null),
                Arguments.of(
                        "429 asking to wait longer than five minutes",
                        reply(429, """
                        {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3600s"}]}}"""),
                        FailureClass.QUOTA_EXHAUSTED,
                        null,
                        null),
                Arguments.of("503 UNAVAILABLE", reply(503, """
                        {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"""), FailureClass.OVERLOADED, null, null),
                Arguments.of("500 INTERNAL", reply(500, """
                        {"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}"""), FailureClass.TRANSIENT, null, null),
                Arguments.of("400 prompt too long", reply(400, """
                        {"error":{"code":400,"message":"The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).","status":"INVALID_ARGUMENT"}}"""), FailureClass.CONTEXT_TOO_LONG, null, null),
                Arguments.of("400 INVALID_ARGUMENT", reply(400, """
                        {"error":{"code":400,"message":"Invalid JSON payload received.","status":"INVALID_ARGUMENT"}}"""), FailureClass.BAD_REQUEST, null, null),
                Arguments.of("403 PERMISSION_DENIED", reply(403, """
                        {"error":{"code":403,"message":"Method doesn't allow unregistered callers.","status":"PERMISSION_DENIED"}}"""), FailureClass.UNAUTHORIZED, null, null),
                Arguments.of("400 API key not valid", reply(400, """
                        {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"""), FailureClass.UNAUTHORIZED, null, null),
                Arguments.of("404 model not found", reply(404, """
                        {"error":{"code":404,"message":"models/nope is not found","status":"NOT_FOUND"}}"""), FailureClass.BAD_REQUEST, null, null),
                Arguments.of("prompt blocked", reply(200, """
                        {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}"""), FailureClass.CONTENT_FILTERED, null, null),
                Arguments.of("reply blocked by SAFETY", reply(200, """
                        {"candidates":[{"finishReason":"SAFETY","index":0}]}"""), FailureClass.CONTENT_FILTERED, null, null),
                Arguments.of(
                        "truncated JSON",
                        reply(200, "{\"candidates\":[{\"content\":"),
                        FailureClass.TRANSIENT,
                        null,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureShapes")
    void classifiesEveryDocumentedFailure(
            String name, HttpReply reply, FailureClass expected, Duration wait, Scope scope) {
        ProviderFailure f = Failures.of(() -> GeminiReplies.read(reply));
        assertThat(f.failureClass()).isEqualTo(expected);
        if (wait != null) {
            assertThat(f.retryAfter()).contains(wait);
        }
        if (scope != null) {
            assertThat(((ProviderFailure.RateLimited) f).scope()).isEqualTo(scope);
        }
    }

    @Test
    void aReplyTheContentFilterEmptiedFailsWithTheUsageTheProviderBilled() {
        HttpReply filtered = reply(200, """
                {"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}""");

        assertThatThrownBy(() -> GeminiReplies.read(filtered))
                .isInstanceOfSatisfying(ProviderCallException.class, e -> {
                    assertThat(e.failure().failureClass()).isEqualTo(FailureClass.CONTENT_FILTERED);
                    assertThat(e.billed())
                            .as("no candidates: output not reported")
                            .isEqualTo(new Usage(8L, 0L, 0L, null));
                });
    }
}
