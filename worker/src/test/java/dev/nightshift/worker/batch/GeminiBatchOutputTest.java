package dev.nightshift.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiBatchOutputTest {
    private static final Instant AT = Instant.parse("2026-12-07T04:00:00Z");

    /**
     * A done batch operation as the Batch Mode reference describes it: the GenerateContentBatchOutput in its response,
     * each inlined response a GenerateContentResponse (here with cached and thinking tokens) or a google.rpc.Status,
     * with the request's metadata — listed in another order than the requests were.
     */
    private static final String DONE = """
            {"name":"batches/123456","metadata":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
              "name":"batches/123456","model":"models/gemini-1.5-flash","displayName":"nsb-1","state":"BATCH_STATE_SUCCEEDED",
              "createTime":"2026-12-07T03:00:00Z","endTime":"2026-12-07T03:40:00Z",
              "batchStats":{"requestCount":"3","successfulRequestCount":"1","failedRequestCount":"2"}},
             "done":true,
             "response":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput",
              "inlinedResponses":{"inlinedResponses":[
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"},"metadata":{"key":"k3"}},
                {"response":{"candidates":[{"content":{"parts":[{"text":"thinking…","thought":true},{"text":"```java\\nclass AdderTest {}\\n```"}],"role":"model"},"finishReason":"STOP","index":0}],
                  "usageMetadata":{"promptTokenCount":1200,"cachedContentTokenCount":1000,"candidatesTokenCount":87,"thoughtsTokenCount":156,"totalTokenCount":1443},
                  "modelVersion":"gemini-1.5-flash"},"metadata":{"key":"k1"}},
                {"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT"},"metadata":{"key":"k2"}}
              ]}}}""";

    @Test
    void aResponseIsReadAsASynchronousReplyWithCachedAndThinkingTokensAtTheBatchPrice() throws Exception {
        JsonNode operation = Json.mapper().readTree(DONE);

        ItemOutcome.Answered a = (ItemOutcome.Answered)
                GeminiBatchOutput.read(operation, List.of("k1", "k2", "k3"), AT).get("k1");

        assertThat(a.completion().text()).isEqualTo("```java\nclass AdderTest {}\n```");
        assertThat(a.completion().usage()).isEqualTo(new Usage(200L, 1000L, 0L, 243L));
        // 200 × $0.175/M + 1000 × $0.04375/M + 243 × $0.75/M = 35 + 43.75 + 182.25
        assertThat(BundledBatchPrices.cost(
                        "gemini", "gemini-1.5-flash", a.completion().usage()))
                .isEqualTo(Money.usd("0.000261"));
    }

    @Test
    void errorsAreTypedByTheirStatusAndJoinedOnTheirKey() throws Exception {
        Map<String, ItemOutcome> out =
                GeminiBatchOutput.read(Json.mapper().readTree(DONE), List.of("k1", "k2", "k3"), AT);

        assertThat(((ItemOutcome.Failed) out.get("k2")).failure().failureClass())
                .isEqualTo(FailureClass.BAD_REQUEST);
        assertThat(((ItemOutcome.Failed) out.get("k3")).failure().failureClass())
                .isEqualTo(FailureClass.RATE_LIMITED);
    }

    @Test
    void theBatchsEndIsReadFromItsOperation() throws Exception {
        BatchStatus status = GeminiBatchClient.status(Json.mapper().readTree(DONE));

        assertThat(status.ended()).isTrue();
        assertThat(status.providerId()).isEqualTo("123456");
        assertThat(status.endState()).isEqualTo("completed");
        assertThat(status.endedAt()).isEqualTo(Instant.parse("2026-12-07T03:40:00Z"));
    }

    @Test
    void requestsAnExpiredBatchHoldsNoResponseForWereNotRun() throws Exception {
        JsonNode expired = Json.mapper().readTree("""
                {"name":"batches/9","metadata":{"state":"BATCH_STATE_EXPIRED"},"done":true}""");
        BatchStatus status = GeminiBatchClient.status(expired);
        Map<String, ItemOutcome> out = GeminiBatchOutput.read(expired, List.of("k1"), AT);

        BatchReplies.missing(out, List.of("k1"), status, "no reason given");

        assertThat(status.endState()).isEqualTo("expired");
        assertThat(out.get("k1")).isEqualTo(ItemOutcome.NotRun.EXPIRED);
    }

    @Test
    void aRequestTheBatchNeverReachedHasAnErrorEntryThatIsNotRun() throws Exception {
        // Given an ended batch whose window passed (504 DEADLINE_EXCEEDED) or that was cancelled (499 CANCELLED)
        JsonNode operation = Json.mapper().readTree("""
                {"name":"batches/8","metadata":{"state":"BATCH_STATE_EXPIRED"},"done":true,"response":{"inlinedResponses":{"inlinedResponses":[
                  {"error":{"code":504,"message":"The batch expired before this request was processed.","status":"DEADLINE_EXCEEDED"},"metadata":{"key":"late"}},
                  {"error":{"code":499,"message":"The batch was cancelled before this request was processed.","status":"CANCELLED"},"metadata":{"key":"dropped"}}]}}}""");

        Map<String, ItemOutcome> out = GeminiBatchOutput.read(operation, List.of("late", "dropped"), AT);

        assertThat(out.get("late")).isEqualTo(ItemOutcome.NotRun.EXPIRED);
        assertThat(((ItemOutcome.NotRun) out.get("dropped")).cancelled()).isTrue();
    }

    @Test
    void responsesWithoutMetadataAreJoinedByPositionAsGoogleListsThemInRequestOrder() throws Exception {
        JsonNode operation = Json.mapper().readTree("""
                {"name":"batches/7","metadata":{"state":"BATCH_STATE_SUCCEEDED"},"done":true,"response":{"inlinedResponses":{"inlinedResponses":[
                  {"response":{"candidates":[{"content":{"parts":[{"text":"first"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":1}}},
                  {"response":{"candidates":[{"content":{"parts":[{"text":"second"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":6,"candidatesTokenCount":1}}}]}}}""");

        Map<String, ItemOutcome> out = GeminiBatchOutput.read(operation, List.of("a", "b"), AT);

        assertThat(((ItemOutcome.Answered) out.get("a")).completion().text()).isEqualTo("first");
        assertThat(((ItemOutcome.Answered) out.get("b")).completion().text()).isEqualTo("second");
    }
}
