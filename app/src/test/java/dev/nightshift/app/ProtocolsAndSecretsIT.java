package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.app.run.SinkDocuments;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.testkit.SimulatorFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run that speaks all three wire protocols (chosen by routing config alone), with a provider that
 * rejects its key so the run fails over, and a recognisable fake key that must not appear anywhere:
 * not in a log line, an exception, a Kafka record or a stored value.
 */
class ProtocolsAndSecretsIT {
    private static final String ROUTING = """
            router:
              includeCoreRules: true
              rules:
                - {name: java-on-anthropic, task: docs, languages: [java], models: [anthropic/claude-3-5-haiku]}
                - {name: python-on-gemini, task: docs, languages: [python], models: [gemini/gemini-1.5-flash]}
                - {name: js-on-openai-after-mistral, task: docs, languages: [javascript], models: [mistral/mistral-tiny, openai/gpt-4o-mini]}
                - {name: the-rest, task: docs, models: [deepseek/deepseek-chat]}
            """;

    @TempDir
    static Path dir;

    static SimulatedRun run;
    static LocalPipeline pipeline;
    static CapturingAppender logs;
    static NightshiftConfig config;
    static RunPlanned plan;
    static JsonNode status;

    @BeforeAll
    static void runOnce() throws Exception {
        logs = CapturingAppender.attach();
        // Not a dry run: the keys are set (to a fake one) and every base URL points at the simulator.
        run = SimulatedRun.start(
                dir,
                s -> s.withProvider("mistral", p -> p.withFault(FaultRule.always(Fault.UNAUTHORIZED))),
                ROUTING,
                "r-protocols",
                "team-p");
        pipeline = run.pipeline;
        config = run.config();
        plan = run.plan;
        status = run.status;
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void everyProtocolAnswersAndIsBilledExactlyAndTheLedgerEqualsTheProvidersBill() throws Exception {
        assertThat(status.path("jobs").path("succeeded").asInt())
                .isEqualTo(plan.jobIds().size());
        List<JsonNode> ledger = ledger();
        Set<String> succeededOn = new TreeSet<>();
        Money total = Money.ZERO;
        for (JsonNode entry : ledger) {
            ModelRef model = ModelRef.parse(entry.path("model").asText());
            Usage usage = Json.mapper().treeToValue(entry.path("usage"), Usage.class);
            assertThat(Money.usd(entry.path("cost").asText()))
                    .isEqualTo(config.price(model).cost(usage));
            total = total.plus(Money.usd(entry.path("cost").asText()));
            if ("SUCCEEDED".equalsIgnoreCase(entry.path("outcome").asText())) {
                succeededOn.add(model.toString());
            }
        }
        assertThat(succeededOn).contains("anthropic/claude-3-5-haiku", "gemini/gemini-1.5-flash", "openai/gpt-4o-mini");
        assertThat(ledger).anySatisfy(e -> {
            assertThat(e.path("provider").asText()).isEqualTo("mistral");
            assertThat(e.path("outcome").asText()).isEqualToIgnoringCase("FAILED");
        });
        assertThat(total).isEqualTo(run.simulator.billTotal());
    }

    @Test
    void theKeyAppearsInNoLogLineKafkaRecordOrStoredValue() throws Exception {
        String key = SimulatorFixture.FAKE_KEY;
        assertThat(logs.lines()).isNotEmpty().noneMatch(l -> l.contains(key));
        assertThat(kafkaRecordsContaining(key)).isEmpty();
        assertThat(filesContaining(dir.resolve("home"), key)).isEmpty();
        SinkDocuments sink = pipeline.sinkDocuments();
        assertThat(sink.getText("/runs/" + plan.runId() + "/ledger?format=csv")).doesNotContain(key);
        assertThat(sink.getText("/runs/" + plan.runId())).doesNotContain(key);
        for (JsonNode artifact : sink.artifacts(plan.runId())) {
            assertThat(sink.artifact(plan.runId(), artifact.path("jobId").asText()))
                    .doesNotContain(key);
        }
    }

    private static List<JsonNode> ledger() throws IOException {
        return run.ledger();
    }

    private static List<String> kafkaRecordsContaining(String needle) throws Exception {
        byte[] bytes = needle.getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", pipeline.bootstrap());
        try (Admin admin = Admin.create(p);
                KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : admin.listTopics().names().get()) {
                consumer.partitionsFor(topic)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    boolean hit = contains(r.key(), bytes) || contains(r.value(), bytes);
                    for (Header h : r.headers()) {
                        hit |= contains(h.value(), bytes);
                    }
                    if (hit) {
                        found.add(r.topic() + "@" + r.offset());
                    }
                }
            }
        }
        return found;
    }

    private static List<Path> filesContaining(Path root, String needle) throws IOException {
        byte[] bytes = needle.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> {
                        try {
                            return contains(Files.readAllBytes(f), bytes);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .toList();
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
