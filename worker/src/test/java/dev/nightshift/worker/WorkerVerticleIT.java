package dev.nightshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.worker.support.FakeProvider;
import dev.nightshift.worker.support.FakeProvider.Answer;
import dev.nightshift.worker.support.KafkaLane;
import dev.nightshift.worker.support.TestConfigs;
import dev.nightshift.worker.support.TestJobs;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerVerticleIT {
    /** DeepSeek's recorded usage shape around a chat.completion. */
    private static final String DEEPSEEK_REPLY = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1741569952,"model":"deepseek-chat",
             "choices":[{"index":0,"message":{"role":"assistant","content":"# Adder\\n\\nAdds two ints."},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":1300,"completion_tokens":200,"total_tokens":1500,"prompt_tokens_details":{"cached_tokens":1000},
                      "prompt_cache_hit_tokens":1000,"prompt_cache_miss_tokens":300},"system_fingerprint":"fp_3a5770e1b4_prod0225"}""";
    /** Gemini's documented generateContent shape with thinking tokens. */
    private static final String GEMINI_REPLY = """
            {"candidates":[{"content":{"parts":[{"text":"```java\\nclass AdderTest {}\\n```"}],"role":"model"},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":87,"thoughtsTokenCount":156,"totalTokenCount":255},
             "modelVersion":"gemini-1.5-flash","responseId":"r-1"}""";

    private final Vertx vertx = Vertx.vertx();
    private final String bootstrap = KafkaTestBroker.bootstrapServers();
    private final KafkaLane lane = new KafkaLane(bootstrap);
    private String deploymentId;

    @AfterEach
    void tearDown() {
        if (deploymentId != null) {
            vertx.undeploy(deploymentId).await();
        }
        lane.close();
        vertx.close().await();
    }

    @Test
    void aLaneRequestOnAnOpenAiCompatibleLaneBecomesAnAttemptResultWithExactCost() throws Exception {
        // Given a worker whose DeepSeek-like provider answers with cache hits
        String provider = "ds-" + UUID.randomUUID().toString().substring(0, 8);
        try (FakeProvider fake = new FakeProvider(vertx, r -> Answer.json(200, DEEPSEEK_REPLY))) {
            NightshiftConfig config = TestConfigs.single(provider, Protocol.OPENAI, fake.baseUrl(), Limits.UNLIMITED);
            deploy(config, Map.of(provider, ApiKey.of("sk-test-recognisable-0001")));
            Job job = TestJobs.job("run-" + UUID.randomUUID(), "src/Adder.java", TaskType.DOCS);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, job.runId())) {
                // When the router puts the job on the lane
                lane.put(TestJobs.lane(provider, job));

                // Then one terminal, successful attempt appears on the results topic with exact cost
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> !results.results().isEmpty());
                AttemptResult a = results.results().get(0);
                assertThat(a.jobId()).isEqualTo(job.jobId());
                assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
                assertThat(a.terminal()).isTrue();
                assertThat(a.artifact()).isEqualTo("# Adder\n\nAdds two ints.");
                assertThat(a.usage()).isEqualTo(new Usage(300L, 1000L, 0L, 200L));
                // 300 × 0.14 + 1000 × 0.014 + 200 × 0.42 = 42 + 14 + 84 = 140 micro-dollars
                assertThat(a.cost()).isEqualTo(Money.usd("0.000140"));
                assertThat(a.priceTableVersion()).startsWith("prices-");
                assertThat(a.simulated()).isTrue();
                assertThat(a.finishReason()).isEqualTo("stop");
            }
            // And the provider got one Chat Completions call with the key in the header and the job's output budget
            FakeProvider.Received call = fake.received().get(0);
            assertThat(call.path()).isEqualTo("/chat/completions");
            assertThat(call.headers().get("authorization")).isEqualTo("Bearer sk-test-recognisable-0001");
            assertThat(call.body())
                    .contains("\"model\":\"wire-m1\"", "\"max_tokens\":2048", "src/Adder.java", "```java");
        }
    }

    @Test
    void aLaneRequestOnAGeminiLaneIsBilledWithThinkingTokensAsOutput() throws Exception {
        // Given a worker on a Gemini lane
        String provider = "gm-" + UUID.randomUUID().toString().substring(0, 8);
        try (FakeProvider fake = new FakeProvider(vertx, r -> Answer.json(200, GEMINI_REPLY))) {
            NightshiftConfig config =
                    TestConfigs.single(provider, Protocol.GEMINI, fake.baseUrl() + "/v1beta", Limits.UNLIMITED);
            deploy(config, Map.of(provider, ApiKey.of("AIza-test-recognisable-0002")));
            Job job = TestJobs.job("run-" + UUID.randomUUID(), "src/Adder.java", TaskType.TESTS);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, job.runId())) {
                // When
                lane.put(TestJobs.lane(provider, job));

                // Then
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> !results.results().isEmpty());
                AttemptResult a = results.results().get(0);
                assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
                assertThat(a.usage()).isEqualTo(new Usage(12L, 0L, 0L, 243L));
                assertThat(a.cost()).isEqualTo(TestConfigs.PRICE.cost(new Usage(12L, 0L, 0L, 243L)));
            }
            FakeProvider.Received call = fake.received().get(0);
            assertThat(call.path()).isEqualTo("/v1beta/models/wire-m1:generateContent");
            assertThat(call.headers().get("x-goog-api-key")).isEqualTo("AIza-test-recognisable-0002");
            assertThat(call.body()).contains("\"maxOutputTokens\":4096", "systemInstruction");
        }
    }

    @Test
    void aProviderThatEchoesTheKeyInItsErrorNeverGetsItIntoAKafkaRecord() throws Exception {
        // Given a provider that rejects the key and repeats it in its message
        String provider = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "sk-test-recognisable-0003";
        try (FakeProvider fake = new FakeProvider(vertx, r -> Answer.json(401, """
                {"error":{"message":"Incorrect API key provided: %s. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""".formatted(key)))) {
            NightshiftConfig config = TestConfigs.single(provider, Protocol.OPENAI, fake.baseUrl(), Limits.UNLIMITED);
            deploy(config, Map.of(provider, ApiKey.of(key)));
            Job job = TestJobs.job("run-" + UUID.randomUUID(), "src/Adder.java", TaskType.DOCS);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, job.runId());
                    KafkaLane.Collector retries = lane.collect(Topics.RETRY, job.runId())) {
                // When the job is tried
                lane.put(TestJobs.lane(provider, job));
                // Then it is handed to the router as unauthorized, and neither record holds the key
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> !results.results().isEmpty()
                                && !retries.results().isEmpty());
                AttemptResult a = retries.results().get(0);
                assertThat(a.failureClass()).isEqualTo(dev.nightshift.core.event.FailureClass.UNAUTHORIZED);
                assertThat(a.terminal()).isFalse();
                for (AttemptResult r : List.of(results.results().get(0), a)) {
                    assertThat(new String(
                                    dev.nightshift.core.codec.MessageCodec.JOB_EVENT.encode(r),
                                    java.nio.charset.StandardCharsets.UTF_8))
                            .doesNotContain(key)
                            .doesNotContain("recognisable");
                }
            }
        }
    }

    @Test
    void publishesTheLanesHealthOnTheCompactedHealthTopicKeyedByProvider() throws Exception {
        // Given a worker on a lane with a known request limit
        String provider = "hl-" + UUID.randomUUID().toString().substring(0, 8);
        NightshiftConfig config = TestConfigs.single(
                provider, Protocol.OPENAI, "http://127.0.0.1:9", new Limits(60, null, null, 4, null, null));
        // When it runs
        deploy(config, Map.of());
        // Then a health record for the provider appears: circuit closed, its allowed rate, no pause
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                KafkaClientProps.consumer(bootstrap, "test-health-" + provider, "test-health-" + provider))) {
            c.subscribe(List.of(Topics.HEALTH));
            List<ProviderHealth> seen = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (provider.equals(r.key())) {
                        seen.add(MessageCodec.PROVIDER_HEALTH.decode(r.value()));
                    }
                }
                return !seen.isEmpty();
            });
            ProviderHealth h = seen.get(0);
            assertThat(h.provider()).isEqualTo(provider);
            assertThat(h.circuit()).isEqualTo(ProviderHealth.Circuit.CLOSED);
            assertThat(h.requestsPerMinute()).isEqualTo(60);
            assertThat(h.pausedUntil()).isNull();
        }
    }

    private void deploy(NightshiftConfig config, Map<String, ApiKey> keys) {
        WorkerSettings settings = WorkerSettings.DEFAULTS.withCallDeadline(Duration.ofSeconds(20));
        deploymentId = vertx.deployVerticle(new WorkerVerticle(config, bootstrap, keys, settings))
                .await();
    }
}
