package dev.nightshift.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.DefaultSimulator;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Google's official GenAI Java SDK, pointed at the simulator, reads it as it reads generativelanguage.googleapis.com. */
class GeminiSdkConformanceIT {
    private static final String MODEL = "gemini-1.5-flash";

    @RegisterExtension
    static final DefaultSimulator SIM = new DefaultSimulator();

    private static Client client;

    @BeforeAll
    static void start() {
        // The SDK appends the API version to the base URL itself, so it gets the provider's root.
        client = Client.builder()
                .apiKey(Sdk.KEY)
                .httpOptions(HttpOptions.builder()
                        .baseUrl(SIM.get().baseUrl() + "/gemini/")
                        .apiVersion("v1beta")
                        // One attempt: these tests look at the errors themselves, not at the SDK's own backoff.
                        .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                        .build())
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void noThinkingTokens() {
        SIM.get().script("gemini", p -> p.withThinkingFactor(BigDecimal.ZERO));
    }

    private static GenerateContentConfig config() {
        return GenerateContentConfig.builder()
                .systemInstruction(Content.fromParts(Part.fromText(Sdk.DOCS_SYSTEM)))
                .maxOutputTokens(2048)
                .build();
    }

    @Test
    void parsesAResponseWithItsUsageMetadata() {
        // Given gemini thinking as many tokens as it writes
        SIM.get().script("gemini", p -> p.withThinkingFactor(BigDecimal.ONE));

        // When the SDK generates content
        GenerateContentResponse response = client.models.generateContent(MODEL, Sdk.JAVA_UNIT, config());

        // Then it reads the text and usage, thinking apart, and the bill counts thinking as output
        assertThat(response.text()).contains("## Overview");
        GenerateContentResponseUsageMetadata usage = response.usageMetadata().orElseThrow();
        int prompt = usage.promptTokenCount().orElseThrow();
        int candidates = usage.candidatesTokenCount().orElseThrow();
        assertThat(usage.thoughtsTokenCount()).contains(candidates);
        assertThat(usage.totalTokenCount()).contains(prompt + 2 * candidates);
        assertThat(SIM.get().bill().get(0).usage()).isEqualTo(Usage.of(prompt, 0, 0, 2L * candidates));
    }

    @Test
    void readsCachedContentTokensOfARepeatedPrefix() {
        // Given the same long prompt sent twice
        String prompt = Sdk.longContext() + Sdk.JAVA_UNIT;
        client.models.generateContent(MODEL, prompt, config());

        // When sent again
        GenerateContentResponseUsageMetadata usage = client.models
                .generateContent(MODEL, prompt, config())
                .usageMetadata()
                .orElseThrow();

        // Then the SDK reports the cached part within the prompt count
        int cached = usage.cachedContentTokenCount().orElseThrow();
        assertThat(cached)
                .isPositive()
                .isLessThanOrEqualTo(usage.promptTokenCount().orElseThrow());
        assertThat(SIM.get().bill().get(1).usage().cacheReadInput()).isEqualTo(cached);
    }

    @Test
    void seesResourceExhaustedWithTheRetryDelayInItsMessage() {
        // Given a 429 asking for 2.5 s
        SIM.get()
                .script(
                        "gemini",
                        p -> p.withFault(FaultRule.always(Fault.RATE_LIMITED).withRetryAfterMs(2500)));

        // When the SDK calls
        ClientException e = catchThrowableOfType(
                ClientException.class, () -> client.models.generateContent(MODEL, Sdk.JAVA_UNIT, config()));

        // Then it raises a ClientException with the code, the status and the delay
        assertThat(e.code()).isEqualTo(429);
        assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(e.message()).contains("Please retry in 2.5s.");
    }

    @Test
    void seesUnavailableAsAServerException() {
        // Given gemini down
        SIM.get().script("gemini", p -> p.withDown(true));

        // When the SDK calls
        ServerException e = catchThrowableOfType(
                ServerException.class, () -> client.models.generateContent(MODEL, Sdk.JAVA_UNIT, config()));

        // Then it raises a ServerException with 503 UNAVAILABLE
        SIM.get().script("gemini", p -> p.withDown(false));
        assertThat(e.code()).isEqualTo(503);
        assertThat(e.status()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void readsAStreamChunkByChunkWithTotalsOnTheLast() {
        // Given a streaming call
        StringBuilder text = new StringBuilder();
        GenerateContentResponse last = null;

        // When the SDK streams it
        try (ResponseStream<GenerateContentResponse> stream =
                client.models.generateContentStream(MODEL, Sdk.JAVA_UNIT, config())) {
            for (GenerateContentResponse chunk : stream) {
                text.append(chunk.text());
                last = chunk;
            }
        }

        // Then the chunks add up to the document and the last carries the usage billed
        assertThat(text.toString()).contains("## Overview");
        assertThat(last.usageMetadata().orElseThrow().candidatesTokenCount())
                .contains((int) SIM.get().bill().get(0).usage().output().longValue());
    }
}
