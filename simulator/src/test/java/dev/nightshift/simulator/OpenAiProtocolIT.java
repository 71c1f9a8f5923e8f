package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.billing.BillEntry;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI Chat Completions protocol (and DeepSeek's dialect of it) against the real server. */
class OpenAiProtocolIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(
                SimulatorConfig.from(CONFIG).withProvider("mistral", p -> p.withTokenFactor(new BigDecimal("1.5"))));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void freshBill() {
        sim.clearBill();
    }

    private static String url(String provider) {
        return sim.baseUrlFor(provider) + "/chat/completions";
    }

    @Test
    void answersADocsPromptWithAMarkdownDocumentAndExactUsage() {
        // Given a worker-shaped docs prompt for a Java file
        JsonObject request = Prompts.openAi("gpt-4o-mini", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);

        // When it is sent to the OpenAI provider
        SimClient.Reply reply = SimClient.post(url("openai"), request, "authorization", "Bearer " + SimClient.KEY);

        // Then the answer has the real shape, a plausible document and usage counted with the tokenizer
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("x-request-id")).startsWith("req_");
        JsonObject body = reply.json();
        assertThat(body.getString("object")).isEqualTo("chat.completion");
        assertThat(body.getString("id")).startsWith("chatcmpl-");
        assertThat(body.getString("model")).isEqualTo("gpt-4o-mini");
        JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getString("finish_reason")).isEqualTo("stop");
        String content = choice.getJsonObject("message").getString("content");
        assertThat(content)
                .startsWith("# `src/main/java/com/acme/Greeter.java`")
                .contains("## Overview")
                .contains("class Greeter")
                .contains("greet")
                .contains("english");
        JsonObject usage = body.getJsonObject("usage");
        long prompt = TokenCounter.count(Prompts.joined(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT));
        long completion = TokenCounter.count(content);
        assertThat(usage.getLong("prompt_tokens")).isEqualTo(prompt);
        assertThat(usage.getLong("completion_tokens")).isEqualTo(completion);
        assertThat(usage.getLong("total_tokens")).isEqualTo(prompt + completion);
        assertThat(usage.getJsonObject("prompt_tokens_details").getLong("cached_tokens"))
                .isZero();
        assertThat(usage.getJsonObject("completion_tokens_details").getLong("reasoning_tokens"))
                .isZero();
        assertThat(usage.containsKey("prompt_cache_hit_tokens")).isFalse();
    }

    @Test
    void billsExactlyTheUsageItReportedAtTheConfiguredPrice() {
        // Given a completed call
        SimClient.Reply reply = SimClient.post(
                url("openai"),
                Prompts.openAi("gpt-4o", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT),
                "authorization",
                "Bearer " + SimClient.KEY);
        JsonObject usage = reply.json().getJsonObject("usage");

        // When the bill is read through the API and over HTTP
        BillEntry entry = sim.bill().get(0);
        JsonObject http = SimClient.get(sim.baseUrl() + "/admin/bill").json();

        // Then both hold that call with its usage and its exact cost
        Usage expected = Usage.of(usage.getLong("prompt_tokens"), 0, 0, usage.getLong("completion_tokens"));
        Price price = CONFIG.provider("openai").models().get("gpt-4o").price();
        assertThat(sim.bill()).hasSize(1);
        assertThat(entry.provider()).isEqualTo("openai");
        assertThat(entry.model()).isEqualTo("gpt-4o");
        assertThat(entry.requestId()).isEqualTo(reply.json().getString("id"));
        assertThat(entry.usage()).isEqualTo(expected);
        assertThat(entry.cost()).isEqualTo(price.cost(expected));
        assertThat(http.getInteger("count")).isEqualTo(1);
        assertThat(http.getString("totalUsd")).isEqualTo(price.cost(expected).toPlainString());
        assertThat(http.getJsonObject("byModel").getString("openai/gpt-4o"))
                .isEqualTo(price.cost(expected).toPlainString());
        JsonObject billed = http.getJsonArray("entries").getJsonObject(0);
        assertThat(billed.getString("cost")).isEqualTo(price.cost(expected).toPlainString());
        assertThat(billed.getJsonObject("usage").getLong("uncachedInput")).isEqualTo(usage.getLong("prompt_tokens"));
        assertThat(billed.getJsonObject("usage").getLong("output")).isEqualTo(usage.getLong("completion_tokens"));
        assertThat(http.encode()).doesNotContain(SimClient.KEY).doesNotContain("Greeter");
    }

    @Test
    void reportsDeepSeekCacheHitAndMissTokens() {
        // Given the deepseek provider
        JsonObject request = Prompts.openAi("deepseek-chat", Prompts.TESTS_SYSTEM, Prompts.PYTHON_UNIT);

        // When a tests prompt is sent to it
        SimClient.Reply reply = SimClient.post(url("deepseek"), request, "authorization", "Bearer " + SimClient.KEY);

        // Then usage carries DeepSeek's hit/miss split, and the reply is a Python test file
        JsonObject body = reply.json();
        JsonObject usage = body.getJsonObject("usage");
        long prompt = TokenCounter.count(Prompts.joined(Prompts.TESTS_SYSTEM, Prompts.PYTHON_UNIT));
        assertThat(usage.getLong("prompt_tokens")).isEqualTo(prompt);
        assertThat(usage.getLong("prompt_cache_hit_tokens")).isZero();
        assertThat(usage.getLong("prompt_cache_miss_tokens")).isEqualTo(prompt);
        assertThat(usage.getJsonObject("prompt_tokens_details").getLong("cached_tokens"))
                .isZero();
        assertThat(reply.header("x-ds-trace-id")).isNotBlank();
        String content = body.getJsonArray("choices")
                .getJsonObject(0)
                .getJsonObject("message")
                .getString("content");
        assertThat(content).contains("```python").contains("import pytest").contains("def test_slugify");
    }

    @Test
    void acceptsTheDeepSeekBaseUrlWithoutV1() {
        // Given DeepSeek's documented base URL form, http://host/<provider> + /chat/completions
        String url = sim.baseUrl() + "/deepseek/chat/completions";

        // When a call goes there
        SimClient.Reply reply = SimClient.post(
                url,
                Prompts.openAi("deepseek-chat", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT),
                "authorization",
                "Bearer " + SimClient.KEY);

        // Then it is answered like the /v1 form
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void scalesReportedTokensByTheProvidersFactor() {
        // Given mistral scripted with a token factor of 1.5
        JsonObject request = Prompts.openAi("mistral-tiny", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);

        // When called
        JsonObject body = SimClient.post(url("mistral"), request, "authorization", "Bearer " + SimClient.KEY)
                .json();

        // Then the reported tokens are our count × 1.5, rounded half up
        long raw = TokenCounter.count(Prompts.joined(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT));
        long expected = new BigDecimal(raw)
                .multiply(new BigDecimal("1.5"))
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
        assertThat(body.getJsonObject("usage").getLong("prompt_tokens")).isEqualTo(expected);
    }

    @Test
    void stopsAtMaxTokensWithFinishReasonLength() {
        // Given a request allowing 20 output tokens
        JsonObject request = Prompts.openAi("gpt-4o-mini", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT)
                .put("max_completion_tokens", 20);

        // When called
        JsonObject body = SimClient.post(url("openai"), request, "authorization", "Bearer " + SimClient.KEY)
                .json();

        // Then the reply is cut at 20 tokens and says so
        JsonObject choice = body.getJsonArray("choices").getJsonObject(0);
        assertThat(choice.getString("finish_reason")).isEqualTo("length");
        assertThat(body.getJsonObject("usage").getLong("completion_tokens"))
                .isLessThanOrEqualTo(20)
                .isPositive();
        assertThat(TokenCounter.count(choice.getJsonObject("message").getString("content")))
                .isLessThanOrEqualTo(20);
    }

    @Test
    void refusesACallWithoutAKeyIn401AndBillsNothing() {
        // Given a request without an Authorization header
        JsonObject request = Prompts.openAi("gpt-4o-mini", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);

        // When sent
        SimClient.Reply reply = SimClient.post(url("openai"), request);

        // Then it is a 401 in OpenAI's error shape, and nothing is billed
        assertThat(reply.status()).isEqualTo(401);
        JsonObject error = reply.json().getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("invalid_request_error");
        assertThat(error.getString("message")).contains("didn't provide an API key");
        assertThat(error.containsKey("code")).isTrue();
        assertThat(sim.bill()).isEmpty();
    }

    @Test
    void answersAnUnknownModelWith404ModelNotFound() {
        // Given a model the provider does not have
        JsonObject request = Prompts.openAi("gpt-9", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);

        // When sent
        SimClient.Reply reply = SimClient.post(url("openai"), request, "authorization", "Bearer " + SimClient.KEY);

        // Then 404 model_not_found names it
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().getJsonObject("error").getString("code")).isEqualTo("model_not_found");
        assertThat(reply.json().getJsonObject("error").getString("message")).contains("gpt-9");
    }

    @Test
    void answersABodyThatIsNotJsonWith400() {
        // Given a body that is not JSON
        // When sent
        SimClient.Reply reply =
                SimClient.send(url("openai"), "POST", "{not json", "authorization", "Bearer " + SimClient.KEY);

        // Then 400 invalid_request_error
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
    }
}
