package dev.nightshift.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.DefaultSimulator;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
}
