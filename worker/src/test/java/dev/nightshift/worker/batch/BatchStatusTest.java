package dev.nightshift.worker.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How each protocol's batch object says whether and how a batch ended, in the words every protocol shares. */
class BatchStatusTest {
    @Test
    void anOpenAiBatchEndsCompletedExpiredCancelledOrFailedAtTheTimeItNames() throws Exception {
        // Given batch objects as the Batch API returns them (Unix seconds)
        BatchStatus running = OpenAiBatchClient.status(Json.mapper().readTree("""
                {"id":"batch_abc123","object":"batch","status":"in_progress","created_at":1711471533,"in_progress_at":1711471538,
                 "request_counts":{"total":100,"completed":95,"failed":0}}"""));
        BatchStatus expired = OpenAiBatchClient.status(Json.mapper().readTree("""
                {"id":"batch_abc124","object":"batch","status":"expired","created_at":1711471533,"expired_at":1711557933,
                 "output_file_id":"file-cvaTdG","error_file_id":"file-HOWS94"}"""));

        assertThat(running.ended()).isFalse();
        assertThat(expired.ended()).isTrue();
        assertThat(expired.endState()).isEqualTo("expired");
        assertThat(expired.endedAt()).isEqualTo(Instant.ofEpochSecond(1711557933));
        assertThat(OpenAiBatchClient.status(Json.mapper().readTree("{\"id\":\"b\",\"status\":\"cancelled\"}"))
                        .endState())
                .isEqualTo("cancelled");
    }

    @Test
    void anAnthropicBatchSaysOnlyEndedSoHowItEndedIsReadFromItsCancelAndItsCounts() throws Exception {
        BatchStatus completed = AnthropicBatchClient.status(Json.mapper().readTree("""
                {"id":"msgbatch_013Zva2CMHLNnXjNJJKqJ2EF","type":"message_batch","processing_status":"ended",
                 "request_counts":{"processing":0,"succeeded":99,"errored":1,"canceled":0,"expired":0},
                 "ended_at":"2024-08-20T18:37:24.100435Z","created_at":"2024-08-20T18:37:24.100435Z",
                 "expires_at":"2024-08-21T18:37:24.100435Z","cancel_initiated_at":null,
                 "results_url":"https://api.anthropic.com/v1/messages/batches/msgbatch_013Zva2CMHLNnXjNJJKqJ2EF/results"}"""));
        BatchStatus cancelled = AnthropicBatchClient.status(Json.mapper().readTree("""
                {"id":"msgbatch_2","processing_status":"ended","cancel_initiated_at":"2024-08-20T18:40:00Z",
                 "request_counts":{"processing":0,"succeeded":3,"errored":0,"canceled":7,"expired":0}}"""));
        BatchStatus expired = AnthropicBatchClient.status(Json.mapper().readTree("""
                {"id":"msgbatch_3","processing_status":"ended",
                 "request_counts":{"processing":0,"succeeded":3,"errored":0,"canceled":0,"expired":7}}"""));
        BatchStatus canceling = AnthropicBatchClient.status(Json.mapper().readTree("""
                {"id":"msgbatch_4","processing_status":"canceling","cancel_initiated_at":"2024-08-20T18:40:00Z"}"""));

        assertThat(completed.ended()).isTrue();
        assertThat(completed.endState()).isEqualTo("completed");
        assertThat(completed.endedAt()).isEqualTo(Instant.parse("2024-08-20T18:37:24.100435Z"));
        assertThat(cancelled.endState()).isEqualTo("cancelled");
        assertThat(expired.endState()).isEqualTo("expired");
        assertThat(canceling.ended()).isFalse();
    }

    @Test
    void pollsSpreadOutFromTwoSecondsToAMinute() {
        assertThat(BatchTracker.pollWait(0)).hasMillis(2000);
        assertThat(BatchTracker.pollWait(1)).hasMillis(3000);
        assertThat(BatchTracker.pollWait(30)).isEqualTo(BatchTracker.LONGEST_POLL);
    }
}
