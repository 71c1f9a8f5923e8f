package dev.nightshift.app;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.core.cache.CacheTopics;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Submits runs to a local pipeline and reads back what a user would: status, ledger, artifacts. */
final class RunProbe {
    private final LocalPipeline pipeline;

    RunProbe(LocalPipeline pipeline) {
        this.pipeline = pipeline;
    }

    RunPlanned submit(Path repo, String ref, TaskType task) {
        return submit(new RunRequest("r-probe-" + UUID.randomUUID(), "team-probe", repo.toString(), ref, task, true));
    }

    RunPlanned submit(RunRequest request) {
        return pipeline.ingest().submit(request);
    }

    JsonNode awaitCompleted(String runId) {
        return await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> pipeline.sinkDocuments().run(runId).orElse(null),
                        s -> s != null && "completed".equals(s.path("state").asText()));
    }

    Money cost(JsonNode status) {
        return Money.usd(status.path("cost").path("usd").asText());
    }

    /** Every ledger entry of the run, as JSON. */
    List<JsonNode> ledger(String runId) {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : pipeline.sinkDocuments()
                .getText("/runs/" + runId + "/ledger?format=jsonl")
                .split("\n")) {
            if (!line.isBlank()) {
                try {
                    entries.add(Json.mapper().readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return entries;
    }

    /** Unit paths of the run's ledger entries that cost something. */
    List<String> paidUnits(String runId) {
        return ledger(runId).stream()
                .filter(e -> !Money.usd(e.path("cost").asText()).isZero())
                .map(e -> e.path("unitPath").asText())
                .toList();
    }

    /** The artifacts' texts by their path in the output. */
    Map<String, String> artifactsByPath(String runId) {
        Map<String, String> texts = new TreeMap<>();
        for (JsonNode a : pipeline.sinkDocuments().artifacts(runId)) {
            texts.put(
                    a.path("path").asText(),
                    pipeline.sinkDocuments().artifact(runId, a.path("jobId").asText()));
        }
        return texts;
    }

    /**
     * Waits until the sink has announced every artifact the run paid for on the cache topic (what the router reads);
     * those it was served from the cache were announced by an earlier run.
     */
    void awaitAnnounced(RunPlanned run) {
        Set<String> paid = new HashSet<>();
        for (JsonNode a : pipeline.sinkDocuments().artifacts(run.runId())) {
            if (!a.path("fromCache").asBoolean()) {
                paid.add(a.path("jobId").asText());
            }
        }
        Set<String> announced = new HashSet<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(
                KafkaClientProps.consumer(pipeline.bootstrap(), "it-cache-reader", "it-cache-" + UUID.randomUUID()))) {
            c.subscribe(List.of(CacheTopics.ARTIFACTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    JsonNode v = Json.mapper().readTree(r.value());
                    if (run.runId().equals(v.path("runId").asText())) {
                        announced.add(v.path("jobId").asText());
                    }
                }
                return announced.containsAll(paid);
            });
        }
    }
}
