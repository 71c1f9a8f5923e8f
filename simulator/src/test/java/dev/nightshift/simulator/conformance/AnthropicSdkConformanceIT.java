package dev.nightshift.simulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.DefaultSimulator;
import dev.nightshift.simulator.batch.BatchSettings;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official Anthropic Java SDK, pointed at the simulator, reads it as it reads api.anthropic.com. */
class AnthropicSdkConformanceIT {
    private static final String MODEL = "claude-3-5-haiku-20241022";

    @RegisterExtension
    static final DefaultSimulator SIM = new DefaultSimulator();

    private static AnthropicClient client(int maxRetries) {
        return AnthropicOkHttpClient.builder()
                .apiKey(Sdk.KEY)
                .baseUrl(SIM.get().baseUrlFor("anthropic"))
                .maxRetries(maxRetries)
                .build();
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(2048)
                .system(Sdk.DOCS_SYSTEM)
                .addUserMessage(Sdk.JAVA_UNIT)
                .build();
    }

    @Test
    void parsesAMessageWithItsUsage() {
        // Given the SDK pointed at the simulator
        // When it creates a message
        Message message = client(0).messages().create(params());

        // Then it reads the text block, the stop reason and usage equal to the bill
        assertThat(message.content().get(0).text().orElseThrow().text())
                .contains("# `src/main/java/com/acme/Greeter.java`");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().cacheReadInputTokens()).contains(0L);
        assertThat(SIM.get().bill().get(0).usage())
                .isEqualTo(Usage.of(
                        message.usage().inputTokens(), 0, 0, message.usage().outputTokens()));
    }

    @Test
    void readsCacheWritesAndReadsOfAMarkedPrefix() {
        // Given a long system block marked cache_control
        MessageCreateParams cached = MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(1024)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                        .text(Sdk.longContext())
                        .cacheControl(CacheControlEphemeral.builder().build())
                        .build()))
                .addUserMessage(Sdk.JAVA_UNIT)
                .build();
        AnthropicClient client = client(0);

        // When it is sent twice
        Message first = client.messages().create(cached);
        Message second = client.messages().create(cached);

        // Then the first reports a cache write and the second a cache read of the same size
        long written = first.usage().cacheCreationInputTokens().orElseThrow();
        assertThat(written).isPositive();
        assertThat(second.usage().cacheReadInputTokens()).contains(written);
        assertThat(second.usage().cacheCreationInputTokens()).contains(0L);
        assertThat(SIM.get().bill().get(1).usage().cacheReadInput()).isEqualTo(written);
    }

    @Test
    void seesOverloadAs529AndRateLimitWithRetryAfter() {
        // Given one 529 and then one 429 asking for 3 s
        SIM.get()
                .script(
                        "anthropic",
                        p -> p.withFaults(List.of(
                                FaultRule.times(Fault.OVERLOADED, 1),
                                FaultRule.times(Fault.RATE_LIMITED, 1).withRetryAfterMs(3000))));
        AnthropicClient client = client(0);

        // When the SDK calls twice without retries
        OverloadedException overloaded = catchThrowableOfType(
                OverloadedException.class, () -> client.messages().create(params()));
        RateLimitException limited = catchThrowableOfType(
                RateLimitException.class, () -> client.messages().create(params()));

        // Then it raises its OverloadedException and its RateLimitException with retry-after
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().values("retry-after")).containsExactly("3");
        assertThat(limited.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void retriesAnOverloadAndSucceeds() {
        // Given one 529, then normal service
        SIM.get().script("anthropic", p -> p.withFault(FaultRule.times(Fault.OVERLOADED, 1)));

        // When the SDK calls with retries
        Message message = client(2).messages().create(params());

        // Then the retry succeeds and is the only call billed
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(SIM.get().bill()).hasSize(1);
    }

    @Test
    void classifiesServerAndAuthErrors() {
        // Given a server error, then a rejected key
        SIM.get()
                .script(
                        "anthropic",
                        p -> p.withFaults(List.of(
                                FaultRule.times(Fault.SERVER_ERROR, 1), FaultRule.times(Fault.UNAUTHORIZED, 1))));
        AnthropicClient client = client(0);

        // When the SDK calls twice
        InternalServerException server = catchThrowableOfType(
                InternalServerException.class, () -> client.messages().create(params()));
        UnauthorizedException auth = catchThrowableOfType(
                UnauthorizedException.class, () -> client.messages().create(params()));

        // Then each maps to its SDK exception
        assertThat(server.statusCode()).isEqualTo(500);
        assertThat(auth.statusCode()).isEqualTo(401);
    }

    @Test
    void accumulatesAStreamAndRaisesAnErrorEventMidStream() {
        // Given a normal stream, then a stream that fails after it started
        MessageAccumulator accumulator = MessageAccumulator.create();
        AnthropicClient client = client(0);

        // When the SDK streams both
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        SIM.get().script("anthropic", p -> p.withFault(FaultRule.always(Fault.MID_STREAM_ERROR)));
        Throwable failed = catchThrowable(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream =
                    client.messages().createStreaming(params())) {
                stream.stream().forEach(e -> {});
            }
        });

        // Then the first accumulates into the message billed, the second raises the SDK's overload error
        Message message = accumulator.message();
        assertThat(message.content().get(0).text().orElseThrow().text()).contains("## Overview");
        assertThat(SIM.get().bill().get(0).usage().output())
                .isEqualTo(message.usage().outputTokens());
        assertThat(failed).isInstanceOf(AnthropicException.class).hasMessageContaining("Overloaded");
    }

    private static MessageBatch createBatch(AnthropicClient client) {
        BatchCreateParams.Request.Params greeter = BatchCreateParams.Request.Params.builder()
                .model(MODEL)
                .maxTokens(2048)
                .system(Sdk.DOCS_SYSTEM)
                .addUserMessage(Sdk.JAVA_UNIT)
                .build();
        BatchCreateParams.Request.Params farewell = greeter.toBuilder()
                .messages(List.of())
                .addUserMessage(Sdk.JAVA_UNIT.replace("Greeter", "Farewell"))
                .build();
        return client.messages()
                .batches()
                .create(BatchCreateParams.builder()
                        .addRequest(BatchCreateParams.Request.builder()
                                .customId("greeter")
                                .params(greeter)
                                .build())
                        .addRequest(BatchCreateParams.Request.builder()
                                .customId("farewell")
                                .params(farewell)
                                .build())
                        .build());
    }

    private static MessageBatch awaitEnd(AnthropicClient client, String id) {
        return await("message batch " + id + " ends")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> client.messages().batches().retrieve(id), b -> b.processingStatus()
                        .equals(MessageBatch.ProcessingStatus.ENDED));
    }

    @Test
    void runsAMessageBatchAndStreamsItsResults() throws Exception {
        // Given batches that take 300 ms
        SIM.get().script("anthropic", p -> p.withBatch(BatchSettings.DEFAULT.withTurnaroundMs(300)));
        AnthropicClient client = client(0);

        // When the SDK creates a batch of two, polls it to its end and streams its results
        MessageBatch created = createBatch(client);
        MessageBatch ended = awaitEnd(client, created.id());
        Map<String, MessageBatchIndividualResponse> byKey = new HashMap<>();
        try (StreamResponse<MessageBatchIndividualResponse> results =
                client.messages().batches().resultsStreaming(created.id())) {
            results.stream().forEach(r -> byKey.put(r.customId(), r.validate()));
        }

        // Then it reads the states, the counts, and two succeeded messages whose usage is the batch tier's, as billed
        created.validate();
        ended.validate();
        assertThat(created.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.IN_PROGRESS);
        assertThat(created.requestCounts().processing()).isEqualTo(2);
        assertThat(ended.requestCounts().succeeded()).isEqualTo(2);
        assertThat(ended.resultsUrl()).isPresent();
        assertThat(byKey.keySet()).containsExactlyInAnyOrder("greeter", "farewell");
        Message farewell = byKey.get("farewell").result().asSucceeded().message();
        assertThat(farewell.content().get(0).text().orElseThrow().text()).contains("Farewell");
        assertThat(farewell.usage().serviceTier()).contains(com.anthropic.models.messages.Usage.ServiceTier.BATCH);
        assertThat(SIM.get().bill())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.tier()).isEqualTo(ServiceTier.BATCH))
                .anySatisfy(e -> assertThat(e.usage())
                        .isEqualTo(Usage.of(
                                farewell.usage().inputTokens(),
                                0,
                                0,
                                farewell.usage().outputTokens())));
    }

    @Test
    void cancelsAMessageBatch() throws Exception {
        // Given batches that take a minute
        SIM.get().script("anthropic", p -> p.withBatch(BatchSettings.DEFAULT.withTurnaroundMs(60_000)));
        AnthropicClient client = client(0);
        MessageBatch created = createBatch(client);

        // When the SDK cancels it at once
        MessageBatch canceling = client.messages().batches().cancel(created.id());

        // Then it reads canceling, then ended with both requests canceled, free
        assertThat(canceling.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.CANCELING);
        assertThat(canceling.cancelInitiatedAt()).isPresent();
        MessageBatch ended = awaitEnd(client, created.id());
        assertThat(ended.requestCounts().canceled()).isEqualTo(2);
        try (StreamResponse<MessageBatchIndividualResponse> results =
                client.messages().batches().resultsStreaming(created.id())) {
            assertThat(results.stream().map(r -> r.result().isCanceled())).containsOnly(true);
        }
        assertThat(SIM.get().bill()).isEmpty();
    }
}
