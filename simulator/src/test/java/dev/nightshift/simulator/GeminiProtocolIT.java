package dev.nightshift.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.usage.Usage;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gemini generateContent protocol against the real server. */
class GeminiProtocolIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());
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
    void reset() {
        sim.clearBill();
        sim.script("gemini", p -> p.withThinkingFactor(BigDecimal.ZERO));
    }

    private static String url() {
        return sim.baseUrlFor("gemini") + "/models/gemini-1.5-flash:generateContent";
    }

    @Test
    void answersWithACandidateAndUsageMetadata() {
        // Given a docs prompt for a Python file
        JsonObject request = Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.PYTHON_UNIT);

        // When it is sent with x-goog-api-key
        SimClient.Reply reply = SimClient.post(url(), request, "x-goog-api-key", SimClient.KEY);

        // Then it is a GenerateContentResponse with a Markdown document and exact usage
        assertThat(reply.status()).isEqualTo(200);
        JsonObject body = reply.json();
        JsonObject candidate = body.getJsonArray("candidates").getJsonObject(0);
        assertThat(candidate.getString("finishReason")).isEqualTo("STOP");
        assertThat(candidate.getJsonObject("content").getString("role")).isEqualTo("model");
        String text = candidate
                .getJsonObject("content")
                .getJsonArray("parts")
                .getJsonObject(0)
                .getString("text");
        assertThat(text).startsWith("# `tools/slugify.py`").contains("slugify").contains("Slugger");
        JsonObject usage = body.getJsonObject("usageMetadata");
        long prompt = TokenCounter.count(Prompts.joined(Prompts.DOCS_SYSTEM, Prompts.PYTHON_UNIT));
        long candidates = TokenCounter.count(text);
        assertThat(usage.getLong("promptTokenCount")).isEqualTo(prompt);
        assertThat(usage.getLong("candidatesTokenCount")).isEqualTo(candidates);
        assertThat(usage.getLong("totalTokenCount")).isEqualTo(prompt + candidates);
        assertThat(usage.containsKey("cachedContentTokenCount")).isFalse();
        assertThat(usage.containsKey("thoughtsTokenCount")).isFalse();
        assertThat(body.getString("modelVersion")).isEqualTo("gemini-1.5-flash");
        Usage billed = sim.bill().get(0).usage();
        assertThat(billed).isEqualTo(Usage.of(prompt, 0, 0, candidates));
        Price price = CONFIG.provider("gemini").models().get("gemini-1.5-flash").price();
        assertThat(sim.bill().get(0).cost()).isEqualTo(price.cost(billed));
    }

    @Test
    void reportsThinkingTokensApartAndBillsThemAsOutput() {
        // Given gemini scripted to think twice as many tokens as it writes
        sim.script("gemini", p -> p.withThinkingFactor(new BigDecimal("2")));

        // When called
        JsonObject usage = SimClient.post(
                        url(), Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT), "x-goog-api-key", SimClient.KEY)
                .json()
                .getJsonObject("usageMetadata");

        // Then thoughtsTokenCount is reported apart, the total includes it, and the bill counts it as output
        long candidates = usage.getLong("candidatesTokenCount");
        assertThat(usage.getLong("thoughtsTokenCount")).isEqualTo(2 * candidates);
        assertThat(usage.getLong("totalTokenCount")).isEqualTo(usage.getLong("promptTokenCount") + 3 * candidates);
        assertThat(sim.bill().get(0).usage().output()).isEqualTo(3 * candidates);
    }

    @Test
    void acceptsTheKeyAsAQueryParameter() {
        // Given the key in ?key= instead of the header
        // When sent
        SimClient.Reply reply =
                SimClient.post(url() + "?key=" + SimClient.KEY, Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT));

        // Then it is accepted
        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void refusesACallWithoutAKeyIn401Unauthenticated() {
        // Given no key at all
        // When sent
        SimClient.Reply reply = SimClient.post(url(), Prompts.gemini(Prompts.DOCS_SYSTEM, Prompts.JAVA_UNIT));

        // Then 401 as a google.rpc.Status
        assertThat(reply.status()).isEqualTo(401);
        JsonObject error = reply.json().getJsonObject("error");
        assertThat(error.getInteger("code")).isEqualTo(401);
        assertThat(error.getString("status")).isEqualTo("UNAUTHENTICATED");
        assertThat(sim.bill()).isEmpty();
    }

    @Test
    void reportsImplicitCacheHitsOnARepeatedLongPrefix() {
        // Given a long shared context repeated ahead of two different units
        String context = "Repository context: the acme project documents every module. ".repeat(150);

        // When both are sent
        SimClient.post(url(), Prompts.gemini(context, Prompts.JAVA_UNIT), "x-goog-api-key", SimClient.KEY);
        JsonObject usage = SimClient.post(
                        url(), Prompts.gemini(context, Prompts.PYTHON_UNIT), "x-goog-api-key", SimClient.KEY)
                .json()
                .getJsonObject("usageMetadata");

        // Then the second reports cached tokens within its prompt count, at least the minimum prefix
        long cached = usage.getLong("cachedContentTokenCount");
        assertThat(cached).isGreaterThanOrEqualTo(1024).isLessThanOrEqualTo(TokenCounter.count(context));
        assertThat(usage.getLong("promptTokenCount"))
                .isEqualTo(TokenCounter.count(context + "\n\n" + Prompts.PYTHON_UNIT));
        Usage billed = sim.bill().get(1).usage();
        assertThat(billed.cacheReadInput()).isEqualTo(cached);
        assertThat(billed.uncachedInput()).isEqualTo(usage.getLong("promptTokenCount") - cached);
    }
}
