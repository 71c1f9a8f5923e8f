package dev.nightshift.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponse;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.DefaultSimulator;
import dev.nightshift.simulator.batch.BatchSettings;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK, pointed at the simulator, reads it as it reads api.openai.com. */
class OpenAiSdkConformanceIT {
    @RegisterExtension
    static final DefaultSimulator SIM = new DefaultSimulator();

    private static OpenAIClient client(String provider, int maxRetries) {
        return OpenAIOkHttpClient.builder()
                .apiKey(Sdk.KEY)
                .baseUrl(SIM.get().baseUrlFor(provider))
                .maxRetries(maxRetries)
                .build();
    }

    private static ChatCompletionCreateParams params(String model, String unit) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage(Sdk.DOCS_SYSTEM)
                .addUserMessage(unit)
                .maxCompletionTokens(2048)
                .build();
    }

    @Test
    void parsesASuccessWithItsUsage() {
        // Given the SDK pointed at the simulator's openai provider
        OpenAIClient client = client("openai", 0);

        // When it creates a chat completion
        ChatCompletion completion = client.chat().completions().create(params("gpt-4o-mini", Sdk.JAVA_UNIT));

        // Then it reads the text, the finish reason and usage equal to the bill
        assertThat(completion.choices().get(0).message().content())
                .hasValueSatisfying(t -> assertThat(t).contains("## Overview"));
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        long cached = usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow();
        assertThat(SIM.get().bill().get(0).usage())
                .isEqualTo(Usage.of(usage.promptTokens() - cached, cached, 0, usage.completionTokens()));
    }

    @Test
    @SuppressWarnings(
            "deprecation") // _additionalProperties() is the SDK's only way to read fields outside OpenAI's schema
    void readsDeepSeekCacheFieldsAsAdditionalProperties() {
        // Given the SDK pointed at deepseek, the same long prompt sent twice
        OpenAIClient client = client("deepseek", 0);
        String unit = Sdk.longContext() + Sdk.JAVA_UNIT;
        client.chat().completions().create(params("deepseek-chat", unit));

        // When sent again
        CompletionUsage usage = client.chat()
                .completions()
                .create(params("deepseek-chat", unit))
                .usage()
                .orElseThrow();

        // Then the SDK sees the cached tokens and DeepSeek's hit/miss split
        long hit = number(usage._additionalProperties().get("prompt_cache_hit_tokens"));
        long miss = number(usage._additionalProperties().get("prompt_cache_miss_tokens"));
        assertThat(hit)
                .isPositive()
                .isEqualTo(
                        usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow());
        assertThat(hit + miss).isEqualTo(usage.promptTokens());
    }

    private static long number(com.openai.core.JsonValue value) {
        Object n = value.asNumber().orElseThrow();
        return ((Number) n).longValue();
    }

    @Test
    void seesARateLimitWithItsRetryHeaders() {
        // Given a 429 asking for 1.2 s
        SIM.get()
                .script(
                        "openai",
                        p -> p.withFault(FaultRule.always(Fault.RATE_LIMITED).withRetryAfterMs(1200)));

        // When the SDK calls without retries
        RateLimitException e = catchThrowableOfType(
                RateLimitException.class,
                () -> client("openai", 0).chat().completions().create(params("gpt-4o-mini", Sdk.JAVA_UNIT)));

        // Then it raises its RateLimitException with the code and the retry headers
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.code()).contains("rate_limit_exceeded");
        assertThat(e.headers().values("retry-after-ms")).containsExactly("1200");
        assertThat(e.headers().values("retry-after")).containsExactly("2");
    }

    @Test
    void retriesAfterTheDelayTheSimulatorAskedForAndSucceeds() {
        // Given one 429 asking for 100 ms, then normal service
        SIM.get()
                .script(
                        "openai",
                        p -> p.withFault(FaultRule.times(Fault.RATE_LIMITED, 1).withRetryAfterMs(100)));

        // When the SDK calls with its default retry policy
        ChatCompletion completion =
                client("openai", 2).chat().completions().create(params("gpt-4o-mini", Sdk.JAVA_UNIT));

        // Then its retry succeeds and only the successful call is billed
        assertThat(completion.choices()).hasSize(1);
        assertThat(SIM.get().bill()).hasSize(1);
    }

    @Test
    void classifiesQuotaServerAndAuthErrorsAsTheRealApi() {
        // Given quota exhaustion, a server error, a rejected key and a bad request in turn
        SIM.get()
                .script(
                        "openai",
                        p -> p.withFaults(List.of(
                                FaultRule.times(Fault.INSUFFICIENT_QUOTA, 1),
                                FaultRule.times(Fault.SERVER_ERROR, 1),
                                FaultRule.times(Fault.UNAUTHORIZED, 1),
                                FaultRule.times(Fault.BAD_REQUEST, 1))));
        OpenAIClient client = client("openai", 0);

        // When the SDK calls four times
        RateLimitException quota = catchThrowableOfType(
                RateLimitException.class,
                () -> client.chat().completions().create(params("gpt-4o-mini", Sdk.JAVA_UNIT)));
        InternalServerException server = catchThrowableOfType(
                InternalServerException.class,
                () -> client.chat().completions().create(params("gpt-4o-mini", Sdk.JAVA_UNIT)));
        UnauthorizedException auth = catchThrowableOfType(
                UnauthorizedException.class,
                () -> client.chat().completions().create(params("gpt-4o-mini", Sdk.JAVA_UNIT)));
        BadRequestException bad = catchThrowableOfType(
                BadRequestException.class,
                () -> client.chat().completions().create(params("gpt-4o-mini", Sdk.JAVA_UNIT)));

        // Then each maps to the SDK's exception for that status, with the error's code and type
        assertThat(quota.code()).contains("insufficient_quota");
        assertThat(quota.type()).contains("insufficient_quota");
        assertThat(server.statusCode()).isEqualTo(500);
        assertThat(auth.code()).contains("invalid_api_key");
        assertThat(bad.type()).contains("invalid_request_error");
        assertThat(SIM.get().bill()).isEmpty();
    }

    @Test
    void accumulatesAStreamWithItsUsageChunk() {
        // Given a streaming request asking for usage
        ChatCompletionCreateParams params = params("gpt-4o-mini", Sdk.JAVA_UNIT).toBuilder()
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();

        // When the SDK streams it
        try (StreamResponse<ChatCompletionChunk> stream =
                client("openai", 0).chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        // Then the accumulated completion has the document and the usage billed
        ChatCompletion completion = accumulator.chatCompletion();
        assertThat(completion.choices().get(0).message().content())
                .hasValueSatisfying(t -> assertThat(t).contains("## Overview"));
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(SIM.get().bill().get(0).usage())
                .isEqualTo(Usage.of(usage.promptTokens(), 0, 0, usage.completionTokens()));
    }

    private static String batchLine(String customId, String unit) {
        JsonObject body = new JsonObject()
                .put("model", "gpt-4o-mini")
                .put("max_completion_tokens", 2048)
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject().put("role", "system").put("content", Sdk.DOCS_SYSTEM))
                                .add(new JsonObject().put("role", "user").put("content", unit)));
        return new JsonObject()
                .put("custom_id", customId)
                .put("method", "POST")
                .put("url", "/v1/chat/completions")
                .put("body", body)
                .encode();
    }

    private static Batch createBatch(OpenAIClient client, Path dir) throws IOException {
        Path input = dir.resolve("input-" + System.nanoTime() + ".jsonl");
        Files.writeString(
                input,
                batchLine("greeter", Sdk.JAVA_UNIT) + "\n"
                        + batchLine("farewell", Sdk.JAVA_UNIT.replace("Greeter", "Farewell")) + "\n");
        FileObject file = client.files()
                .create(FileCreateParams.builder()
                        .file(input)
                        .purpose(FilePurpose.BATCH)
                        .build());
        return client.batches()
                .create(BatchCreateParams.builder()
                        .inputFileId(file.id())
                        .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                        .completionWindow(BatchCreateParams.CompletionWindow._24H)
                        .build());
    }

    private static Batch awaitEnd(OpenAIClient client, String id) {
        Set<Batch.Status> ended =
                Set.of(Batch.Status.COMPLETED, Batch.Status.FAILED, Batch.Status.EXPIRED, Batch.Status.CANCELLED);
        return await("batch " + id + " ends")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> client.batches().retrieve(id), b -> ended.contains(b.status()));
    }

    @Test
    void runsABatchThroughTheFilesAndBatchesApis(@TempDir Path dir) throws Exception {
        // Given batches that take 300 ms
        SIM.get().script("openai", p -> p.withBatch(BatchSettings.DEFAULT.withTurnaroundMs(300)));
        OpenAIClient client = client("openai", 0);

        // When the SDK uploads a JSONL file, creates a batch on it, polls it to its end and downloads its output
        Batch created = createBatch(client, dir);
        Batch done = awaitEnd(client, created.id());
        String output;
        try (HttpResponse content = client.files().content(done.outputFileId().orElseThrow())) {
            output = new String(content.body().readAllBytes(), StandardCharsets.UTF_8);
        }

        // Then it reads the states and counts, and every output line's body as a chat completion billed at batch price
        created.validate();
        done.validate();
        assertThat(created.status()).isEqualTo(Batch.Status.VALIDATING);
        assertThat(done.status()).isEqualTo(Batch.Status.COMPLETED);
        assertThat(done.requestCounts().orElseThrow().completed()).isEqualTo(2);
        assertThat(done.errorFileId()).isEmpty();
        Map<String, ChatCompletion> byKey = new HashMap<>();
        for (String line : output.strip().split("\n")) {
            JsonObject json = new JsonObject(line);
            ChatCompletion completion = ObjectMappers.jsonMapper()
                    .readValue(
                            json.getJsonObject("response").getJsonObject("body").encode(), ChatCompletion.class)
                    .validate();
            byKey.put(json.getString("custom_id"), completion);
        }
        assertThat(byKey.keySet()).containsExactlyInAnyOrder("greeter", "farewell");
        assertThat(byKey.get("farewell").choices().get(0).message().content())
                .hasValueSatisfying(t -> assertThat(t).contains("Farewell"));
        CompletionUsage usage = byKey.get("greeter").usage().orElseThrow();
        assertThat(SIM.get().bill())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.tier()).isEqualTo(ServiceTier.BATCH))
                .anySatisfy(e -> assertThat(e.usage())
                        .isEqualTo(Usage.of(usage.promptTokens(), 0, 0, usage.completionTokens())));
    }

    @Test
    void cancelsABatch(@TempDir Path dir) throws Exception {
        // Given batches that take a minute
        SIM.get().script("openai", p -> p.withBatch(BatchSettings.DEFAULT.withTurnaroundMs(60_000)));
        OpenAIClient client = client("openai", 0);
        Batch created = createBatch(client, dir);

        // When the SDK cancels one at once
        Batch cancelling = client.batches().cancel(created.id());

        // Then it reads cancelling, then cancelled with nothing run, and an error file of the cancelled requests
        assertThat(cancelling.status()).isEqualTo(Batch.Status.CANCELLING);
        assertThat(cancelling.cancellingAt()).isPresent();
        Batch cancelled = awaitEnd(client, created.id());
        assertThat(cancelled.status()).isEqualTo(Batch.Status.CANCELLED);
        assertThat(cancelled.outputFileId()).isEmpty();
        try (HttpResponse content =
                client.files().content(cancelled.errorFileId().orElseThrow())) {
            assertThat(new String(content.body().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("batch_cancelled");
        }
        assertThat(SIM.get().bill()).isEmpty();
    }
}
