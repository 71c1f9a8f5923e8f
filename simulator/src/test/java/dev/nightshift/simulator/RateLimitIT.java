package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.simulator.latency.Latency;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits enforced like the real ones, with each provider's headers and 429s. The clock stands still,
 * so the buckets do not refill while a test runs and every figure is exact.
 */
class RateLimitIT {
    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static ProviderSimulator sim;

    @BeforeAll
    static void start() {
        SimulatorConfig config = SimulatorConfig.from(ConfigLoader.loadDefault(Map.of()))
                .withProvider("openai", p -> p.withLimits(new Limits(2, 100_000L, null, null, null, null)))
                .withProvider("anthropic", p -> p.withLimits(new Limits(50, 1000L, 8000L, null, null, null)))
                .withProvider("gemini", p -> p.withLimits(new Limits(1, null, null, null, null, null)))
                .withProvider("deepseek", p -> p.withLimits(new Limits(null, null, null, 1, null, null))
                        .withLatency(Latency.fixed(Duration.ofMillis(1500))));
        sim = ProviderSimulator.start(config, InstantSource.fixed(NOW));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void sendsOpenAiRateLimitHeadersThenA429WhenRequestsPerMinuteRunOut() {
        // Given openai allowing 2 requests per minute
        String url = sim.baseUrlFor("openai") + "/chat/completions";
        JsonObject request = Prompts.openAi("gpt-4o-mini", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);
        long prompt = TokenCounter.count(Prompts.joined(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT));

        // When three calls are made within the minute
        SimClient.Reply first = SimClient.post(url, request, "authorization", "Bearer " + SimClient.KEY);
        SimClient.Reply second = SimClient.post(url, request, "authorization", "Bearer " + SimClient.KEY);
        SimClient.Reply third = SimClient.post(url, request, "authorization", "Bearer " + SimClient.KEY);

        // Then the successes carry x-ratelimit-* with Go durations, and the third is a 429 on requests
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("x-ratelimit-limit-requests")).isEqualTo("2");
        assertThat(first.header("x-ratelimit-remaining-requests")).isEqualTo("1");
        assertThat(first.header("x-ratelimit-reset-requests")).isEqualTo("30s");
        assertThat(first.header("x-ratelimit-limit-tokens")).isEqualTo("100000");
        assertThat(first.header("x-ratelimit-remaining-tokens")).isEqualTo(String.valueOf(100_000 - prompt));
        assertThat(second.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        assertThat(second.header("x-ratelimit-reset-requests")).isEqualTo("1m0s");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("retry-after")).isEqualTo("30");
        assertThat(third.header("retry-after-ms")).isEqualTo("30000");
        assertThat(third.header("x-ratelimit-remaining-requests")).isEqualTo("0");
        JsonObject error = third.json().getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("requests");
        assertThat(error.getString("code")).isEqualTo("rate_limit_exceeded");
        assertThat(error.getString("message"))
                .contains("requests per min (RPM): Limit 2, Used 2, Requested 1. Please try again in 30s.");
        assertThat(sim.bill("openai")).hasSize(2);
    }

    @Test
    void sendsAnthropicHeadersWithRfc3339ResetsThenA429OnInputTokens() {
        // Given anthropic allowing 1000 input tokens per minute and a prompt of about 1500
        String url = sim.baseUrlFor("anthropic") + "/v1/messages";
        String big = "Context line for the rate limit test. ".repeat(180);
        JsonObject request = Prompts.anthropic("claude-3-5-haiku-20241022", big, Prompts.JAVA_UNIT, 1000);

        // When it is sent twice
        SimClient.Reply first =
                SimClient.post(url, request, "x-api-key", SimClient.KEY, "anthropic-version", "2023-06-01");
        SimClient.Reply second =
                SimClient.post(url, request, "x-api-key", SimClient.KEY, "anthropic-version", "2023-06-01");

        // Then the first passes (a request may use a whole empty bucket) with anthropic-ratelimit-* headers,
        // and the second is a 429 rate_limit_error with retry-after until the bucket has refilled enough
        long prompt = TokenCounter.count(big + "\n\n" + Prompts.JAVA_UNIT);
        assertThat(prompt).isGreaterThan(1000);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("anthropic-ratelimit-requests-limit")).isEqualTo("50");
        assertThat(first.header("anthropic-ratelimit-requests-remaining")).isEqualTo("49");
        assertThat(first.header("anthropic-ratelimit-requests-reset")).isEqualTo("2026-11-30T03:00:02Z");
        assertThat(first.header("anthropic-ratelimit-input-tokens-limit")).isEqualTo("1000");
        assertThat(first.header("anthropic-ratelimit-input-tokens-remaining")).isEqualTo("0");
        assertThat(first.header("anthropic-ratelimit-output-tokens-limit")).isEqualTo("8000");
        assertThat(first.header("anthropic-ratelimit-tokens-limit")).isEqualTo("1000");
        assertThat(second.status()).isEqualTo(429);
        long waitMs = (long) Math.ceil((1000 + (prompt - 1000)) * 60_000.0 / 1000);
        assertThat(second.header("retry-after")).isEqualTo(String.valueOf((waitMs + 999) / 1000));
        JsonObject error = second.json().getJsonObject("error");
        assertThat(error.getString("type")).isEqualTo("rate_limit_error");
        assertThat(error.getString("message")).contains("1000 input tokens per minute");
    }

    @Test
    void answersGeminiOverItsLimitWithResourceExhaustedAndRetryInfo() {
        // Given gemini allowing one request per minute
        String url = sim.baseUrlFor("gemini") + "/models/gemini-1.5-flash:generateContent";
        JsonObject request = Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);

        // When called twice
        SimClient.Reply first = SimClient.post(url, request, "x-goog-api-key", SimClient.KEY);
        SimClient.Reply second = SimClient.post(url, request, "x-goog-api-key", SimClient.KEY);

        // Then the first has no rate-limit headers (Gemini sends none) and the second is RESOURCE_EXHAUSTED with
        // RetryInfo 60s
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().map().keySet()).noneMatch(h -> h.contains("ratelimit"));
        assertThat(second.status()).isEqualTo(429);
        JsonObject error = second.json().getJsonObject("error");
        assertThat(error.getString("status")).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.encode())
                .contains("\"retryDelay\":\"60s\"")
                .contains("GenerateRequestsPerMinutePerProjectPerModel")
                .contains("\"quotaValue\":\"1\"");
    }

    @Test
    void refusesACallOverTheConcurrencyLimitLikeDeepSeek() {
        // Given deepseek allowing one call in flight, each taking 1.5 s
        String url = sim.baseUrlFor("deepseek") + "/chat/completions";
        JsonObject request = Prompts.openAi("deepseek-chat", Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT);

        // When a second call comes while the first is in flight
        CompletableFuture<SimClient.Reply> first = CompletableFuture.supplyAsync(
                () -> SimClient.post(url, request, "authorization", "Bearer " + SimClient.KEY));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> inFlightOnDeepSeek(request, url));
        SimClient.Reply firstReply = first.join();

        // Then the second got DeepSeek's 429 (no retry headers) and the first succeeded
        assertThat(firstReply.status()).isEqualTo(200);
        assertThat(secondReply.status()).isEqualTo(429);
        assertThat(secondReply.json().getJsonObject("error").getString("message"))
                .isEqualTo("Rate Limit Reached");
        assertThat(secondReply.header("retry-after")).isNull();
    }

    private static SimClient.Reply secondReply;

    /** Tries a second call; true once one was refused (the first is then in flight). */
    private static boolean inFlightOnDeepSeek(JsonObject request, String url) {
        SimClient.Reply r = SimClient.post(url, request, "authorization", "Bearer " + SimClient.KEY);
        if (r.status() == 429) {
            secondReply = r;
            return true;
        }
        return false;
    }
}
