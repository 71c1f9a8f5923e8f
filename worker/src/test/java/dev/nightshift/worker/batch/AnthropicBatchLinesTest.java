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

class AnthropicBatchLinesTest {
    private static final Instant AT = Instant.parse("2026-12-07T04:00:00Z");

    /** A succeeded line of Anthropic's batch-processing guide: the Message under result.message. */
    private static final String SUCCEEDED = """
            {"custom_id":"my-second-request","result":{"type":"succeeded","message":{"id":"msg_014VwiXbi91y3JMjcpyGBHX5","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[{"type":"text","text":"Hello again! It's nice to see you. How can I assist you today?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":11,"output_tokens":36}}}}""";

    /**
     * A succeeded line whose usage has the cache buckets and the service tier a batch reports (the Message's usage as
     * the API reference lists it).
     */
    private static final String CACHED = """
            {"custom_id":"my-first-request","result":{"type":"succeeded","message":{"id":"msg_01FqfsLoHwgeFbguDgpz48m7","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[{"type":"text","text":"# Adder"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":20,"cache_creation_input_tokens":1500,"cache_read_input_tokens":3000,"output_tokens":400,"service_tier":"batch"}}}}""";

    /** An errored line of the guide: the API's error body (type error, with the error's own type) under result.error. */
    private static final String ERRORED = """
            {"custom_id":"my-third-request","result":{"type":"errored","error":{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}}}""";

    /** The guide's results of requests that never ran. */
    private static final String EXPIRED = """
            {"custom_id":"my-fourth-request","result":{"type":"expired"}}""";

    private static final String CANCELED = """
            {"custom_id":"my-fifth-request","result":{"type":"canceled"}}""";

    @Test
    void aSucceededLineIsTheMessageBilledAtTheBatchPrice() {
        ItemOutcome.Answered a = (ItemOutcome.Answered)
                AnthropicBatchLines.read(bytes(SUCCEEDED), AT).get("my-second-request");

        assertThat(a.completion().text()).startsWith("Hello again!");
        assertThat(a.completion().finishReason()).isEqualTo("end_turn");
        assertThat(a.completion().usage()).isEqualTo(new Usage(11L, 0L, 0L, 36L));
        // 11 × $0.40/M + 36 × $2.00/M = 4.4 + 72
        assertThat(BundledBatchPrices.cost(
                        "anthropic", "claude-3-5-haiku", a.completion().usage()))
                .isEqualTo(Money.usd("0.0000764"));
    }

    @Test
    void cacheWritesAndReadsAreTheirOwnBucketsAtTheirOwnBatchPrices() {
        ItemOutcome.Answered a = (ItemOutcome.Answered)
                AnthropicBatchLines.read(bytes(CACHED), AT).get("my-first-request");

        assertThat(a.completion().usage()).isEqualTo(new Usage(20L, 3000L, 1500L, 400L));
        // 20 × 0.40 + 3000 × 0.04 + 1500 × 0.50 + 400 × 2.00 = 8 + 120 + 750 + 800 = $1678/M
        assertThat(BundledBatchPrices.cost(
                        "anthropic", "claude-3-5-haiku", a.completion().usage()))
                .isEqualTo(Money.usd("0.001678"));
    }

    @Test
    void anErroredLineIsTypedByItsErrorType() {
        ItemOutcome.Failed f = (ItemOutcome.Failed)
                AnthropicBatchLines.read(bytes(ERRORED), AT).get("my-third-request");

        assertThat(f.failure().failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
        assertThat(f.failure().reason()).contains("invalid_request_error", "max_tokens: Field required");
    }

    @Test
    void anOverloadedItemIsRetryable() {
        String overloaded = ERRORED.replace("invalid_request_error", "overloaded_error");

        ItemOutcome.Failed f = (ItemOutcome.Failed)
                AnthropicBatchLines.read(bytes(overloaded), AT).get("my-third-request");

        assertThat(f.failure().failureClass()).isEqualTo(FailureClass.OVERLOADED);
    }

    @Test
    void expiredAndCanceledRequestsWereNotRunAndLinesAreJoinedOnCustomIdInAnyOrder() throws Exception {
        Map<String, ItemOutcome> out =
                AnthropicBatchLines.read(bytes(String.join("\n", CANCELED, ERRORED, EXPIRED, SUCCEEDED)), AT);
        BatchReplies.missing(
                out,
                List.of("my-second-request", "my-third-request", "my-fourth-request", "my-fifth-request"),
                AnthropicBatchClient.status(Json.mapper().readTree("""
                        {"id":"msgbatch_01","processing_status":"ended","request_counts":{"processing":0,"succeeded":1,"errored":1,"canceled":1,"expired":1}}""")),
                "no reason given");

        assertThat(out.get("my-second-request")).isInstanceOf(ItemOutcome.Answered.class);
        assertThat(out.get("my-third-request")).isInstanceOf(ItemOutcome.Failed.class);
        assertThat(out.get("my-fourth-request")).isEqualTo(ItemOutcome.NotRun.EXPIRED);
        assertThat(((ItemOutcome.NotRun) out.get("my-fifth-request")).cancelled())
                .isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
