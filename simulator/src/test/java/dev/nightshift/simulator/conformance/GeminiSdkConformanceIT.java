package dev.nightshift.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.BatchJob;
import com.google.genai.types.BatchJobSource;
import com.google.genai.types.Content;
import com.google.genai.types.CreateBatchJobConfig;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.InlinedRequest;
import com.google.genai.types.InlinedResponse;
import com.google.genai.types.JobState;
import com.google.genai.types.Part;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.DefaultSimulator;
import dev.nightshift.simulator.batch.BatchSettings;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static InlinedRequest inlined(String key, String unit) {
        return InlinedRequest.builder()
                .model(MODEL)
                .contents(List.of(Content.fromParts(Part.fromText(unit))))
                .config(config())
                .metadata(Map.of("key", key))
                .build();
    }

    private static BatchJob createBatch() {
        return client.batches.create(
                MODEL,
                BatchJobSource.builder()
                        .inlinedRequests(List.of(
                                inlined("greeter", Sdk.JAVA_UNIT),
                                inlined("farewell", Sdk.JAVA_UNIT.replace("Greeter", "Farewell"))))
                        .build(),
                CreateBatchJobConfig.builder().displayName("nightly").build());
    }

    private static BatchJob awaitEnd(String name) {
        Set<JobState.Known> ended = Set.of(
                JobState.Known.JOB_STATE_SUCCEEDED,
                JobState.Known.JOB_STATE_FAILED,
                JobState.Known.JOB_STATE_CANCELLED,
                JobState.Known.JOB_STATE_EXPIRED);
        return await("batch " + name + " ends")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(25))
                .until(
                        () -> client.batches.get(name, null),
                        job -> ended.contains(job.state().orElseThrow().knownEnum()));
    }

    @Test
    void runsABatchJobAndReadsItsInlinedResponses() throws Exception {
        // Given batches that take 300 ms
        SIM.get().script("gemini", p -> p.withBatch(BatchSettings.DEFAULT.withTurnaroundMs(300)));

        // When the SDK creates a batch job of two inline requests and polls it to its end
        BatchJob created = createBatch();
        BatchJob done = awaitEnd(created.name().orElseThrow());

        // Then it reads the states and the responses by their metadata key, with usage as billed at the batch tier
        assertThat(created.state().orElseThrow().knownEnum()).isEqualTo(JobState.Known.JOB_STATE_PENDING);
        assertThat(created.displayName()).contains("nightly");
        assertThat(done.state().orElseThrow().knownEnum()).isEqualTo(JobState.Known.JOB_STATE_SUCCEEDED);
        assertThat(done.endTime()).isPresent();
        Map<String, GenerateContentResponse> byKey = new HashMap<>();
        for (InlinedResponse r : done.dest().orElseThrow().inlinedResponses().orElseThrow()) {
            byKey.put(r.metadata().orElseThrow().get("key"), r.response().orElseThrow());
        }
        assertThat(byKey.keySet()).containsExactlyInAnyOrder("greeter", "farewell");
        GenerateContentResponse farewell = byKey.get("farewell");
        assertThat(farewell.text()).contains("Farewell");
        GenerateContentResponseUsageMetadata usage = farewell.usageMetadata().orElseThrow();
        assertThat(SIM.get().bill())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.tier()).isEqualTo(ServiceTier.BATCH))
                .anySatisfy(e -> assertThat(e.usage())
                        .isEqualTo(Usage.of(
                                usage.promptTokenCount().orElseThrow(),
                                0,
                                0,
                                usage.candidatesTokenCount().orElseThrow())));
    }

    @Test
    void cancelsABatchJob() throws Exception {
        // Given batches that take a minute
        SIM.get().script("gemini", p -> p.withBatch(BatchSettings.DEFAULT.withTurnaroundMs(60_000)));
        BatchJob created = createBatch();

        // When the SDK cancels it
        client.batches.cancel(created.name().orElseThrow(), null);

        // Then it reads it cancelled, each request with a CANCELLED error under its key, and nothing billed
        BatchJob cancelled = awaitEnd(created.name().orElseThrow());
        assertThat(cancelled.state().orElseThrow().knownEnum()).isEqualTo(JobState.Known.JOB_STATE_CANCELLED);
        List<InlinedResponse> responses =
                cancelled.dest().orElseThrow().inlinedResponses().orElseThrow();
        assertThat(responses).hasSize(2).allSatisfy(r -> {
            assertThat(r.response()).isEmpty();
            assertThat(r.error().orElseThrow().message())
                    .hasValueSatisfying(m -> assertThat(m).contains("cancelled"));
        });
        assertThat(SIM.get().bill()).isEmpty();
    }
}
