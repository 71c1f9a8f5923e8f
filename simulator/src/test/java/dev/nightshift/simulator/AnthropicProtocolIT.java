package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.usage.Usage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages protocol against the real server. */
class AnthropicProtocolIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
    private static final String MODEL = "claude-3-5-haiku-20241022";
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.from(CONFIG));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void freshBill() {
        sim.clearBill();
    }

    private static String url() {
        return sim.baseUrlFor("anthropic") + "/v1/messages";
    }

    @Test
    void answersWithAMessageAndUsageInFourBuckets() {
        // Given a tests prompt for a Java file
        JsonObject request = Prompts.anthropic(MODEL, Prompts.TESTS_SYSTEM, Prompts.JAVA_UNIT, 4096);

        // When it is sent with x-api-key and anthropic-version
        SimClient.Reply reply =
                SimClient.post(url(), request, "x-api-key", SimClient.KEY, "anthropic-version", "2023-06-01");

        // Then the answer is a Messages reply with a JUnit test file and exact usage
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("request-id")).startsWith("req_");
        JsonObject body = reply.json();
        assertThat(body.getString("type")).isEqualTo("message");
        assertThat(body.getString("role")).isEqualTo("assistant");
        assertThat(body.getString("id")).startsWith("msg_");
        assertThat(body.getString("stop_reason")).isEqualTo("end_turn");
        assertThat(body.containsKey("stop_sequence")).isTrue();
        String text = body.getJsonArray("content").getJsonObject(0).getString("text");
        assertThat(body.getJsonArray("content").getJsonObject(0).getString("type"))
                .isEqualTo("text");
        assertThat(text)
                .contains("```java")
                .contains("package com.acme;")
                .contains("class GreeterTest")
                .contains("@Test");
        JsonObject usage = body.getJsonObject("usage");
        assertThat(usage.getLong("input_tokens"))
                .isEqualTo(TokenCounter.count(Prompts.joined(Prompts.TESTS_SYSTEM, Prompts.JAVA_UNIT)));
        assertThat(usage.getLong("cache_read_input_tokens")).isZero();
        assertThat(usage.getLong("cache_creation_input_tokens")).isZero();
        assertThat(usage.getLong("output_tokens")).isEqualTo(TokenCounter.count(text));
        Usage billed = sim.bill().get(0).usage();
        assertThat(billed).isEqualTo(Usage.of(usage.getLong("input_tokens"), 0, 0, usage.getLong("output_tokens")));
        Price price =
                CONFIG.provider("anthropic").models().get("claude-3-5-haiku").price();
        assertThat(sim.bill().get(0).cost()).isEqualTo(price.cost(billed));
    }

    @Test
    void writesTheMarkedPrefixToTheCacheThenReadsIt() {
        // Given a long system prompt marked with cache_control, sent twice with different units
        String context = "Repository context: this is the acme project. ".repeat(200);
        JsonObject first = cached(context, Prompts.JAVA_UNIT);
        JsonObject second = cached(context, Prompts.PYTHON_UNIT);

        // When both are sent
        JsonObject u1 = SimClient.post(url(), first, "x-api-key", SimClient.KEY, "anthropic-version", "2023-06-01")
                .json()
                .getJsonObject("usage");
        JsonObject u2 = SimClient.post(url(), second, "x-api-key", SimClient.KEY, "anthropic-version", "2023-06-01")
                .json()
                .getJsonObject("usage");

        // Then the first writes the prefix, the second reads it, and input excludes both
        long prefix = TokenCounter.count(context);
        assertThat(u1.getLong("cache_creation_input_tokens")).isEqualTo(prefix);
        assertThat(u1.getLong("cache_read_input_tokens")).isZero();
        assertThat(u1.getJsonObject("cache_creation").getLong("ephemeral_5m_input_tokens"))
                .isEqualTo(prefix);
        assertThat(u2.getLong("cache_read_input_tokens")).isEqualTo(prefix);
        assertThat(u2.getLong("cache_creation_input_tokens")).isZero();
        assertThat(u2.getLong("input_tokens"))
                .isEqualTo(TokenCounter.count(context + "\n\n" + Prompts.PYTHON_UNIT) - prefix);
        assertThat(sim.bill().get(1).usage().cacheReadInput()).isEqualTo(prefix);
        assertThat(sim.bill().get(0).usage().cacheWriteInput()).isEqualTo(prefix);
    }

    private static JsonObject cached(String context, String unit) {
        return new JsonObject()
                .put("model", MODEL)
                .put("max_tokens", 2048)
                .put(
                        "system",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("type", "text")
                                        .put("text", context)
                                        .put("cache_control", new JsonObject().put("type", "ephemeral"))))
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("role", "user")
                                        .put(
                                                "content",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put("type", "text")
                                                                .put("text", unit)))));
    }

    @Test
    void refusesACallWithoutAKeyIn401AuthenticationError() {
        // Given no x-api-key
        // When sent
        SimClient.Reply reply = SimClient.post(
                url(),
                Prompts.anthropic(MODEL, Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT, 1024),
                "anthropic-version",
                "2023-06-01");

        // Then 401 in Anthropic's error envelope
        assertThat(reply.status()).isEqualTo(401);
        JsonObject body = reply.json();
        assertThat(body.getString("type")).isEqualTo("error");
        assertThat(body.getJsonObject("error").getString("type")).isEqualTo("authentication_error");
        assertThat(body.getString("request_id")).startsWith("req_");
        assertThat(sim.bill()).isEmpty();
    }

    @Test
    void requiresMaxTokensAsTheRealApiDoes() {
        // Given a request without max_tokens
        JsonObject request = Prompts.anthropic(MODEL, Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT, 1);
        request.remove("max_tokens");

        // When sent
        SimClient.Reply reply =
                SimClient.post(url(), request, "x-api-key", SimClient.KEY, "anthropic-version", "2023-06-01");

        // Then 400 invalid_request_error naming the field
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getJsonObject("error").getString("type")).isEqualTo("invalid_request_error");
        assertThat(reply.json().getJsonObject("error").getString("message")).contains("max_tokens");
    }

    @Test
    void requiresTheAnthropicVersionHeaderAsTheRealApiDoes() {
        // Given a keyed request without anthropic-version
        JsonObject request = Prompts.anthropic(MODEL, Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT, 1024);

        // When sent
        SimClient.Reply reply = SimClient.post(url(), request, "x-api-key", SimClient.KEY);

        // Then 400 invalid_request_error naming the header, not billed
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getJsonObject("error").getString("message"))
                .isEqualTo("anthropic-version: header is required");
        assertThat(sim.bill()).isEmpty();
    }
}
