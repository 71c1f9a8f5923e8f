package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.tokens.TokenCounter;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Token-counting endpoints, context windows, and the OpenRouter error dialect. */
class TokenCountingAndContextIT {
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.from(ConfigLoader.loadDefault(Map.of()))
                .withProvider("mistral", p -> p.withContextWindows(Map.of("mistral-tiny", 100L)))
                .withProvider(ProviderSettings.of(
                        "openrouter", Protocol.OPENAI, Map.of("openai/gpt-4o-mini", Price.of("0.15", "0.60")))));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void countsAnthropicInputTokensForFreeAndBillsNothing() {
        // Given a Messages body without max_tokens, as count_tokens takes it
        JsonObject body = Prompts.anthropic("claude-3-5-haiku-20241022", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT, 1);
        body.remove("max_tokens");

        // When posted to count_tokens
        SimClient.Reply reply = SimClient.post(
                sim.baseUrlFor("anthropic") + "/v1/messages/count_tokens",
                body,
                "x-api-key",
                SimClient.KEY,
                "anthropic-version",
                "2023-06-01");

        // Then it answers the input tokens the call would report, and nothing is billed
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().getLong("input_tokens"))
                .isEqualTo(TokenCounter.count(Prompts.joined(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT)));
        assertThat(sim.bill("anthropic")).isEmpty();
    }

    @Test
    void countsGeminiTokensOfAWrappedRequest() {
        // Given a countTokens body wrapping a generateContent request
        JsonObject body = new JsonObject()
                .put(
                        "generateContentRequest",
                        Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.PYTHON_UNIT)
                                .put("model", "models/gemini-1.5-flash"));

        // When posted to :countTokens
        SimClient.Reply reply = SimClient.post(
                sim.baseUrlFor("gemini") + "/models/gemini-1.5-flash:countTokens",
                body,
                "x-goog-api-key",
                SimClient.KEY);

        // Then totalTokens is the prompt's count
        assertThat(reply.json().getLong("totalTokens"))
                .isEqualTo(TokenCounter.count(Prompts.joined(Prompts.DOCS_SYSTEM, Prompts.PYTHON_UNIT)));
    }

    @Test
    void rejectsAPromptLongerThanTheModelsContextWindow() {
        // Given mistral-tiny with a 100-token window and a longer prompt
        JsonObject request =
                Prompts.openAi("mistral-tiny", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT + Prompts.PYTHON_UNIT);

        // When sent
        SimClient.Reply reply = SimClient.post(
                sim.baseUrlFor("mistral") + "/chat/completions", request, "authorization", "Bearer " + SimClient.KEY);

        // Then 400 context_length_exceeded naming the window and the prompt's size, not billed
        long prompt = TokenCounter.count(Prompts.joined(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT + Prompts.PYTHON_UNIT));
        assertThat(reply.status()).isEqualTo(400);
        JsonObject error = reply.json().getJsonObject("error");
        assertThat(error.getString("code")).isEqualTo("context_length_exceeded");
        assertThat(error.getString("message"))
                .contains("maximum context length is 100 tokens")
                .contains("resulted in " + prompt + " tokens");
        assertThat(sim.bill("mistral")).isEmpty();
    }

    @Test
    void spellsOpenRouterErrorCodesAsNumbers() {
        // Given an openrouter provider (OpenAI protocol) without a key
        JsonObject request = Prompts.openAi("openai/gpt-4o-mini", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);

        // When sent without a key, then with one
        SimClient.Reply denied = SimClient.post(sim.baseUrlFor("openrouter") + "/chat/completions", request);
        SimClient.Reply ok = SimClient.post(
                sim.baseUrlFor("openrouter") + "/chat/completions",
                request,
                "authorization",
                "Bearer " + SimClient.KEY);

        // Then the error code is the number 401, and the success is an ordinary chat completion
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.json().getJsonObject("error").getValue("code")).isEqualTo(401);
        assertThat(ok.json().getString("object")).isEqualTo("chat.completion");
    }
}
