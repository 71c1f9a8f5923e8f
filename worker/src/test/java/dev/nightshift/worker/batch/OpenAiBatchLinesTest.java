package dev.nightshift.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.Json;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiBatchLinesTest {
    private static final Instant AT = Instant.parse("2026-12-07T04:00:00Z");

    /** The output-file line of OpenAI's batch guide: a chat.completion under response.body, status 200. */
    private static final String SUCCEEDED = """
            {"id": "batch_req_123", "custom_id": "request-2", "response": {"status_code": 200, "request_id": "req_123", "body": {"id": "chatcmpl-123", "object": "chat.completion", "created": 1711652795, "model": "gpt-3.5-turbo-0125", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello."}, "logprobs": null, "finish_reason": "stop"}], "usage": {"prompt_tokens": 22, "completion_tokens": 2, "total_tokens": 24}, "system_fingerprint": "fp_123"}}, "error": null}""";

    /** The same line with the usage details of a cached prompt, as chat completions report them. */
    private static final String CACHED = """
            {"id": "batch_req_124", "custom_id": "request-5", "response": {"status_code": 200, "request_id": "req_124", "body": {"id": "chatcmpl-124", "object": "chat.completion", "created": 1711652796, "model": "gpt-4o-mini", "choices": [{"index": 0, "message": {"role": "assistant", "content": "# Adder"}, "logprobs": null, "finish_reason": "stop"}], "usage": {"prompt_tokens": 2006, "completion_tokens": 300, "total_tokens": 2306, "prompt_tokens_details": {"cached_tokens": 1920, "audio_tokens": 0}, "completion_tokens_details": {"reasoning_tokens": 0}}}}, "error": null}""";

    /**
     * An error-file line: the request's own HTTP error, the API's error object under response.body (the batch object's
     * per-request output, as the API reference describes it).
     */
    private static final String ERRORED = """
            {"id": "batch_req_456", "custom_id": "request-3", "response": {"status_code": 400, "request_id": "req_456", "body": {"error": {"message": "Invalid value for 'max_tokens': must be a positive integer.", "type": "invalid_request_error", "param": "max_tokens", "code": null}}}, "error": null}""";

    /** An error-file line of a request the batch never ran: no response, the batch's expiry as its error. */
    private static final String EXPIRED = """
            {"id": "batch_req_789", "custom_id": "request-4", "response": null, "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}}""";

    @Test
    void anOutputLineIsTheChatCompletionItCarriesBilledAtTheBatchPrice() {
        // When the documented output line is read
        ItemOutcome outcome = OpenAiBatchLines.read(bytes(SUCCEEDED), AT).get("request-2");

        // Then it is the answer with its usage, costing half of gpt-4o-mini's price
        assertThat(outcome).isInstanceOf(ItemOutcome.Answered.class);
        ItemOutcome.Answered a = (ItemOutcome.Answered) outcome;
        assertThat(a.completion().text()).isEqualTo("Hello.");
        assertThat(a.completion().finishReason()).isEqualTo("stop");
        assertThat(a.completion().usage()).isEqualTo(new Usage(22L, 0L, 0L, 2L));
        // 22 × $0.25/M + 2 × $0.30/M = $5.5/M + $0.6/M
        assertThat(BundledBatchPrices.cost(
                        "openai", "gpt-4o-mini", a.completion().usage()))
                .isEqualTo(Money.usd("0.0000061"));
    }

    @Test
    void cachedPromptTokensAreTheirOwnBucket() {
        ItemOutcome.Answered a =
                (ItemOutcome.Answered) OpenAiBatchLines.read(bytes(CACHED), AT).get("request-5");

        assertThat(a.completion().usage()).isEqualTo(new Usage(86L, 1920L, 0L, 300L));
        // 86 × 0.25 + 1920 × 0.125 + 300 × 0.30 = 21.5 + 240 + 90 = $351.5/M
        assertThat(BundledBatchPrices.cost(
                        "openai", "gpt-4o-mini", a.completion().usage()))
                .isEqualTo(Money.usd("0.0003515"));
    }

    @Test
    void anErrorLineIsTypedAsTheSameErrorOfASynchronousCall() {
        ItemOutcome outcome = OpenAiBatchLines.read(bytes(ERRORED), AT).get("request-3");

        assertThat(outcome).isInstanceOf(ItemOutcome.Failed.class);
        ItemOutcome.Failed f = (ItemOutcome.Failed) outcome;
        assertThat(f.failure().failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
        assertThat(f.failure().reason()).contains("HTTP 400", "invalid_request_error", "max_tokens");
        assertThat(f.billed().isReported()).isFalse();
    }

    @Test
    void anExpiredLineIsARequestNotRunAndACancelledOneToo() {
        String cancelled = EXPIRED.replace("request-4", "request-6").replace("batch_expired", "batch_cancelled");

        Map<String, ItemOutcome> out = OpenAiBatchLines.read(bytes(EXPIRED + "\n" + cancelled + "\n"), AT);

        assertThat(out.get("request-4")).isEqualTo(ItemOutcome.NotRun.EXPIRED);
        assertThat(((ItemOutcome.NotRun) out.get("request-6")).cancelled()).isTrue();
    }

    @Test
    void linesInAnyOrderAreJoinedOnTheirCustomIdAndRequestsWithoutALineAreNotRunWhenTheBatchExpired() {
        // Given an expired batch's output and error files, in the provider's order, not ours
        Map<String, ItemOutcome> out = OpenAiBatchLines.read(bytes(ERRORED + "\n" + SUCCEEDED), AT);
        BatchStatus expired = OpenAiBatchClient.status(
                Json.mapper().createObjectNode().put("id", "batch_1").put("status", "expired"));

        // When the requests no line mentions are accounted for
        BatchReplies.missing(out, List.of("request-2", "request-3", "request-9"), expired, "no reason given");

        // Then each custom id has its own outcome
        assertThat(out.get("request-2")).isInstanceOf(ItemOutcome.Answered.class);
        assertThat(out.get("request-3")).isInstanceOf(ItemOutcome.Failed.class);
        assertThat(out.get("request-9")).isInstanceOf(ItemOutcome.NotRun.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
