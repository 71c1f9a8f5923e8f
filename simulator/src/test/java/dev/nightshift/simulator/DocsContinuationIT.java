package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.billing.BillEntry;
import dev.nightshift.simulator.reply.ArtifactWriter;
import dev.nightshift.simulator.reply.DocsPrompts;
import dev.nightshift.simulator.reply.SimulatedModel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file document longer than the output budget, over each protocol: the first call stops at {@code max_tokens}
 * with the protocol's own finish reason, and the worker's continuation calls bring the rest, each cut at the budget
 * again, until the pieces join into the whole document. Every call is billed as it reported.
 */
class DocsContinuationIT {
    private static final int BUDGET = 400;
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.from(ConfigLoader.loadDefault(Map.of())));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void freshBill() {
        sim.clearBill();
    }

    /** A class with fifteen public methods: its document is about four budgets long. */
    static String user() {
        StringBuilder code = new StringBuilder("package ledger;\n\npublic class Ledger {\n");
        List<String> symbols = new ArrayList<>(List.of("Ledger"));
        for (int i = 0; i < 15; i++) {
            code.append("    public long entry")
                    .append(i)
                    .append("(long amount) {\n        return amount * ")
                    .append(i)
                    .append(";\n    }\n\n");
            symbols.add("Ledger.entry" + i + "(long)");
        }
        return DocsPrompts.file(
                "src/main/java/ledger/Ledger.java",
                "java",
                symbols,
                code.append("}\n").toString());
    }

    /** The document the model writes for the prompt, uncut. */
    private static String whole(String model) {
        return ArtifactWriter.write(
                DocsPrompts.joined(user()), new SimulatedModel(model, null, null, SimulatorConfig.DEFAULT_SEED));
    }

    /** One call's visible reply, finish reason and reported usage as (input, output). */
    private record Call(String text, String finish, long input, long output) {}

    @Test
    void openAiStopsAtLengthAndTheContinuationsJoinIntoTheWholeDocument() {
        String whole = whole("gpt-4o-mini");
        assertThat(TokenCounter.count(whole)).isGreaterThan(3 * BUDGET);
        StringBuilder partial = new StringBuilder();
        List<Call> calls = new ArrayList<>();
        while (calls.size() < 20) {
            // the worker's shape: system, user(original), assistant(partial so far), user(continue)
            JsonArray messages =
                    new JsonArray().add(message("system", DocsPrompts.SYSTEM)).add(message("user", user()));
            String prompt = DocsPrompts.joined(user());
            if (!partial.isEmpty()) {
                messages.add(message("assistant", partial.toString())).add(message("user", DocsPrompts.CONTINUE));
                prompt += "\n\n" + partial + "\n\n" + DocsPrompts.CONTINUE;
            }
            JsonObject body = SimClient.post(
                            sim.baseUrlFor("openai") + "/chat/completions",
                            new JsonObject()
                                    .put("model", "gpt-4o-mini")
                                    .put("max_tokens", BUDGET)
                                    .put("messages", messages),
                            "authorization",
                            "Bearer " + SimClient.KEY)
                    .json();
            JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
            JsonObject usage = body.getJsonObject("usage");
            Call call = new Call(
                    choice.getJsonObject("message").getString("content"),
                    choice.getString("finish_reason"),
                    usage.getLong("prompt_tokens"),
                    usage.getLong("completion_tokens"));
            assertThat(call.input()).as("input of call %d", calls.size() + 1).isEqualTo(TokenCounter.count(prompt));
            calls.add(call);
            partial.append(call.text());
            if (!call.finish().equals("length")) {
                break;
            }
        }
        assertJoined(calls, partial.toString(), whole, "length", "stop", "openai");
    }

    @Test
    void geminiStopsAtMaxTokensAndTheContinuationsJoinIntoTheWholeDocument() {
        String whole = whole("gemini-1.5-flash");
        StringBuilder partial = new StringBuilder();
        List<Call> calls = new ArrayList<>();
        while (calls.size() < 20) {
            // contents: user(original), model(partial so far), user(continue); the system instruction as usual
            JsonArray contents = new JsonArray().add(content("user", user()));
            String prompt = DocsPrompts.joined(user());
            if (!partial.isEmpty()) {
                contents.add(content("model", partial.toString())).add(content("user", DocsPrompts.CONTINUE));
                prompt += "\n\n" + partial + "\n\n" + DocsPrompts.CONTINUE;
            }
            JsonObject request = new JsonObject()
                    .put(
                            "systemInstruction",
                            new JsonObject()
                                    .put(
                                            "parts",
                                            new JsonArray().add(new JsonObject().put("text", DocsPrompts.SYSTEM))))
                    .put("contents", contents)
                    .put("generationConfig", new JsonObject().put("maxOutputTokens", BUDGET));
            JsonObject body = SimClient.post(
                            sim.baseUrlFor("gemini") + "/models/gemini-1.5-flash:generateContent",
                            request,
                            "x-goog-api-key",
                            SimClient.KEY)
                    .json();
            JsonObject candidate = body.getJsonArray("candidates").getJsonObject(0);
            JsonObject usage = body.getJsonObject("usageMetadata");
            Call call = new Call(
                    candidate
                            .getJsonObject("content")
                            .getJsonArray("parts")
                            .getJsonObject(0)
                            .getString("text"),
                    candidate.getString("finishReason"),
                    usage.getLong("promptTokenCount"),
                    usage.getLong("candidatesTokenCount", 0L));
            assertThat(call.input()).isEqualTo(TokenCounter.count(prompt));
            calls.add(call);
            partial.append(call.text());
            if (!call.finish().equals("MAX_TOKENS")) {
                break;
            }
        }
        assertJoined(calls, partial.toString(), whole, "MAX_TOKENS", "STOP", "gemini");
    }

    @Test
    void anthropicStopsAtMaxTokensAndPrefillsContinueTheAssistantTurn() {
        String whole = whole("claude-3-5-haiku-20241022");
        String partial = "";
        List<Call> calls = new ArrayList<>();
        while (calls.size() < 20) {
            // messages: user(original), assistant(partial without trailing whitespace); the reply is only the
            // continuation
            String prefill = partial.stripTrailing();
            JsonArray messages = new JsonArray().add(message("user", user()));
            String prompt = DocsPrompts.joined(user());
            if (!prefill.isEmpty()) {
                messages.add(message("assistant", prefill));
                prompt += "\n\n" + prefill;
            }
            JsonObject body = SimClient.post(
                            sim.baseUrlFor("anthropic") + "/v1/messages",
                            new JsonObject()
                                    .put("model", "claude-3-5-haiku-20241022")
                                    .put("max_tokens", BUDGET)
                                    .put("system", DocsPrompts.SYSTEM)
                                    .put("messages", messages),
                            "x-api-key",
                            SimClient.KEY,
                            "anthropic-version",
                            "2023-06-01")
                    .json();
            JsonObject usage = body.getJsonObject("usage");
            Call call = new Call(
                    body.getJsonArray("content").getJsonObject(0).getString("text"),
                    body.getString("stop_reason"),
                    usage.getLong("input_tokens"),
                    usage.getLong("output_tokens"));
            assertThat(call.input()).isEqualTo(TokenCounter.count(prompt));
            calls.add(call);
            partial = prefill + call.text();
            if (!call.finish().equals("max_tokens")) {
                break;
            }
        }
        assertJoined(calls, partial, whole, "max_tokens", "end_turn", "anthropic");
    }

    @Test
    void aStreamedPrefillContinuationCarriesTheSameTextAsTheUnstreamedOne() {
        // Given the first piece of the document, and a prefill continuing it
        String first = SimClient.post(
                        sim.baseUrlFor("anthropic") + "/v1/messages",
                        anthropic(BUDGET, null),
                        "x-api-key",
                        SimClient.KEY,
                        "anthropic-version",
                        "2023-06-01")
                .json()
                .getJsonArray("content")
                .getJsonObject(0)
                .getString("text");
        String prefill = first.stripTrailing();

        // When the continuation is asked for plain and streamed
        String plain = SimClient.post(
                        sim.baseUrlFor("anthropic") + "/v1/messages",
                        anthropic(BUDGET, prefill),
                        "x-api-key",
                        SimClient.KEY,
                        "anthropic-version",
                        "2023-06-01")
                .json()
                .getJsonArray("content")
                .getJsonObject(0)
                .getString("text");
        String stream = SimClient.post(
                        sim.baseUrlFor("anthropic") + "/v1/messages",
                        anthropic(BUDGET, prefill).put("stream", true),
                        "x-api-key",
                        SimClient.KEY,
                        "anthropic-version",
                        "2023-06-01")
                .body();

        // Then the stream's deltas add up to the same continuation, and it stops at max_tokens again
        StringBuilder deltas = new StringBuilder();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data: ") && line.contains("\"content_block_delta\"")) {
                deltas.append(
                        new JsonObject(line.substring(6)).getJsonObject("delta").getString("text"));
            }
        }
        assertThat(deltas.toString()).isEqualTo(plain).isNotEmpty();
        assertThat(stream).contains("\"stop_reason\":\"max_tokens\"");
        assertThat(whole("claude-3-5-haiku-20241022")).startsWith(prefill + plain);
    }

    private static JsonObject anthropic(int budget, String prefill) {
        JsonArray messages = new JsonArray().add(message("user", user()));
        if (prefill != null) {
            messages.add(message("assistant", prefill));
        }
        return new JsonObject()
                .put("model", "claude-3-5-haiku-20241022")
                .put("max_tokens", budget)
                .put("system", DocsPrompts.SYSTEM)
                .put("messages", messages);
    }

    /** Several calls, all but the last cut with the protocol's reason; the pieces make the whole; the bill has each call. */
    private static void assertJoined(
            List<Call> calls, String joined, String whole, String cut, String stop, String provider) {
        assertThat(calls.size()).isGreaterThanOrEqualTo(3);
        for (Call c : calls.subList(0, calls.size() - 1)) {
            assertThat(c.finish()).isEqualTo(cut);
            assertThat(c.output()).isLessThanOrEqualTo(BUDGET).isPositive().isEqualTo(TokenCounter.count(c.text()));
        }
        assertThat(calls.get(calls.size() - 1).finish()).isEqualTo(stop);
        assertThat(whole)
                .startsWith(calls.get(0).text())
                .isNotEqualTo(calls.get(0).text());
        assertThat(joined).isEqualTo(whole);
        List<BillEntry> bill = sim.bill(provider);
        assertThat(bill).hasSize(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            Usage billed = bill.get(i).usage();
            assertThat(billed.uncachedInput() + billed.cacheReadInput() + billed.cacheWriteInput())
                    .isEqualTo(calls.get(i).input());
            assertThat(billed.output()).isEqualTo(calls.get(i).output());
        }
        JsonObject http = SimClient.get(sim.baseUrl() + "/admin/bill?provider=" + provider)
                .json();
        assertThat(http.getInteger("count")).isEqualTo(calls.size());
    }

    private static JsonObject message(String role, String text) {
        return new JsonObject().put("role", role).put("content", text);
    }

    private static JsonObject content(String role, String text) {
        return new JsonObject().put("role", role).put("parts", new JsonArray().add(new JsonObject().put("text", text)));
    }
}
