package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server-sent event streams of the three protocols, read as raw frames. */
class StreamingIT {
    @RegisterExtension
    static final DefaultSimulator SIM = new DefaultSimulator();

    /** The data payloads of an SSE body, comments and event names aside. */
    private static List<String> data(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring(6));
            }
        }
        return out;
    }

    @Test
    void streamsOpenAiChunksWithAFinalUsageChunkWhenAskedFor() {
        // Given a streaming request with include_usage, and the same request not streamed
        JsonObject plain = Prompts.openAi("gpt-4o-mini", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);
        JsonObject streamed =
                plain.copy().put("stream", true).put("stream_options", new JsonObject().put("include_usage", true));
        String url = SIM.get().baseUrlFor("openai") + "/chat/completions";

        // When both are sent
        JsonObject whole = SimClient.post(url, plain, "authorization", "Bearer " + SimClient.KEY)
                .json();
        SimClient.Reply stream = SimClient.post(url, streamed, "authorization", "Bearer " + SimClient.KEY);

        // Then the stream is chunks whose deltas add up to the same text, then a usage chunk with no choices, then
        // [DONE]
        assertThat(stream.header("content-type")).startsWith("text/event-stream");
        List<String> data = data(stream.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String d : data.subList(0, data.size() - 2)) {
            JsonObject chunk = new JsonObject(d);
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            assertThat(chunk.containsKey("usage") && chunk.getValue("usage") == null)
                    .isTrue();
            text.append(chunk.getJsonArray("choices")
                    .getJsonObject(0)
                    .getJsonObject("delta")
                    .getString("content", ""));
        }
        JsonObject usageChunk = new JsonObject(data.get(data.size() - 2));
        assertThat(usageChunk.getJsonArray("choices")).isEmpty();
        assertThat(usageChunk.getJsonObject("usage")).isEqualTo(whole.getJsonObject("usage"));
        assertThat(text.toString())
                .isEqualTo(whole.getJsonArray("choices")
                        .getJsonObject(0)
                        .getJsonObject("message")
                        .getString("content"));
        assertThat(new JsonObject(data.get(data.size() - 3))
                        .getJsonArray("choices")
                        .getJsonObject(0)
                        .getString("finish_reason"))
                .isEqualTo("stop");
        assertThat(SIM.get().bill()).hasSize(2);
    }

    @Test
    void streamsAnthropicEventsWithCumulativeUsageInMessageDelta() {
        // Given a streaming Messages request
        JsonObject request = Prompts.anthropic(
                        "claude-3-5-haiku-20241022", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT, 2048)
                .put("stream", true);

        // When sent
        SimClient.Reply stream = SimClient.post(
                SIM.get().baseUrlFor("anthropic") + "/v1/messages",
                request,
                "x-api-key",
                SimClient.KEY,
                "anthropic-version",
                "2023-06-01");

        // Then the named events come in the documented order and message_delta carries the whole call's output tokens
        List<String> events = Arrays.stream(stream.body().split("\n"))
                .filter(l -> l.startsWith("event: "))
                .map(l -> l.substring(7))
                .toList();
        assertThat(events.get(0)).isEqualTo("message_start");
        assertThat(events)
                .containsSubsequence(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        List<String> data = data(stream.body());
        JsonObject delta = new JsonObject(data.get(data.size() - 2));
        assertThat(delta.getString("type")).isEqualTo("message_delta");
        assertThat(delta.getJsonObject("delta").getString("stop_reason")).isEqualTo("end_turn");
        assertThat(delta.getJsonObject("usage").getLong("output_tokens"))
                .isEqualTo(SIM.get().bill().get(0).usage().output());
        assertThat(new JsonObject(data.get(0))
                        .getJsonObject("message")
                        .getJsonObject("usage")
                        .getLong("input_tokens"))
                .isEqualTo(SIM.get().bill().get(0).usage().uncachedInput());
    }

    @Test
    void streamsGeminiChunksOverSseWithCrlfAndTotalsOnTheLast() {
        // Given a streamGenerateContent call with alt=sse
        String url = SIM.get().baseUrlFor("gemini") + "/models/gemini-1.5-flash:streamGenerateContent?alt=sse";

        // When sent
        SimClient.Reply stream = SimClient.post(
                url, Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT), "x-goog-api-key", SimClient.KEY);

        // Then frames end in CRLF pairs and the last carries the finish reason and the totals billed
        assertThat(stream.body()).contains("\r\n\r\n");
        List<String> data = data(stream.body());
        JsonObject last = new JsonObject(data.get(data.size() - 1));
        assertThat(last.getJsonArray("candidates").getJsonObject(0).getString("finishReason"))
                .isEqualTo("STOP");
        assertThat(last.getJsonObject("usageMetadata").getLong("candidatesTokenCount"))
                .isEqualTo(SIM.get().bill().get(0).usage().output());
    }

    @Test
    void sendsAnErrorEventAfterTheStreamHasStarted() {
        // Given anthropic failing mid-stream
        SIM.get().script("anthropic", s -> s.withFault(FaultRule.always(Fault.MID_STREAM_ERROR)));
        JsonObject request = Prompts.anthropic(
                        "claude-3-5-haiku-20241022", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT, 2048)
                .put("stream", true);

        // When streamed
        SimClient.Reply stream = SimClient.post(
                SIM.get().baseUrlFor("anthropic") + "/v1/messages",
                request,
                "x-api-key",
                SimClient.KEY,
                "anthropic-version",
                "2023-06-01");

        // Then the status was 200, an overloaded error event ends the stream, and nothing is billed
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.body())
                .contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"")
                .doesNotContain("message_stop");
        assertThat(SIM.get().bill()).isEmpty();
    }

    @Test
    void sendsKeepAliveCommentsBeforeADeepSeekStream() {
        // Given deepseek under load, streaming
        SIM.get()
                .script(
                        "deepseek",
                        s -> s.withFault(
                                FaultRule.always(Fault.KEEPALIVE_THEN_JSON).withDelayMs(300)));
        JsonObject request = Prompts.openAi("deepseek-chat", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT)
                .put("stream", true);

        // When streamed
        SimClient.Reply stream = SimClient.post(
                SIM.get().baseUrlFor("deepseek") + "/chat/completions",
                request,
                "authorization",
                "Bearer " + SimClient.KEY);

        // Then SSE comment lines come first, then the chunks and [DONE]
        assertThat(stream.body()).startsWith(": keep-alive\n\n").endsWith("data: [DONE]\n\n");
    }
}
