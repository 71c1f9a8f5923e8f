package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.app.run.SinkDocuments;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SimulatorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider that goes down mid-run; its jobs fail over to the next model and the run completes. */
class ProviderDownFailoverIT {
    private static final int FILES = 40;

    @TempDir
    Path dir;

    @Test
    void jobsOfAProviderThatGoesDownMidRunFailOverAndTheRunCompletes() throws Exception {
        // Given a repository of small Python modules, whose documentation goes to DeepSeek first (the bundled tiers);
        // documentation, so that the failover is all this measures (test jobs would wait for the validator too)
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir.resolve("repo"))) {
            for (int i = 0; i < FILES; i++) {
                repo.file(
                        "pkg/mod" + i + ".py",
                        "def f" + i + "(x):\n    if x > " + i + ":\n        return x\n    return -x\n");
            }
            repo.commit("twelve modules");
        }
        // Not a dry run (which lifts rate limits): DeepSeek's configured 8 concurrent calls make the run go in
        // waves, so the outage lands in the middle of it.
        try (SimulatorFixture fixture = SimulatorFixture.start(
                        ConfigLoader.loadDefault(Map.of()),
                        s -> s.withProvider("deepseek", p -> p.withLatency(Latency.fixed(Duration.ofMillis(400)))));
                LocalPipeline pipeline = LocalPipeline.builder(
                                fixture.config(), new NightshiftHome(dir.resolve("home")))
                        .keys(fixture.keys())
                        .simulate(false)
                        .bootstrap(KafkaTestBroker.bootstrapServers())
                        .start()) {
            ProviderSimulator simulator = fixture.simulator();
            SinkDocuments sink = pipeline.sinkDocuments();

            // When DeepSeek goes down once its first jobs are done
            RunPlanned plan = pipeline.ingest()
                    .submit(new RunRequest("r-down", null, dir.resolve("repo").toString(), null, TaskType.DOCS, true));
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> sink.run(plan.runId())
                            .map(s -> s.path("jobs").path("succeeded").asInt() >= 2)
                            .orElse(false));
            simulator.script("deepseek", p -> p.withDown(true));

            // Then the run completes with every job succeeded
            JsonNode status = await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> sink.run(plan.runId()).orElse(null),
                            s -> s != null && "completed".equals(s.path("state").asText()));
            assertThat(status.path("jobs").path("succeeded").asInt())
                    .isEqualTo(plan.jobIds().size());
            // And some jobs succeeded on DeepSeek before the outage, the rest on a fallback after failing over
            List<JsonNode> ledger = new ArrayList<>();
            for (String line : sink.getText("/runs/" + plan.runId() + "/ledger?format=jsonl")
                    .split("\n")) {
                if (!line.isBlank()) {
                    ledger.add(Json.mapper().readTree(line));
                }
            }
            assertThat(ledger).anySatisfy(e -> assertSucceededOn(e, "deepseek/deepseek-chat"));
            assertThat(ledger).anySatisfy(e -> {
                assertThat(e.path("outcome").asText()).isEqualToIgnoringCase("SUCCEEDED");
                assertThat(e.path("model").asText()).isNotEqualTo("deepseek/deepseek-chat");
            });
        }
    }

    private static void assertSucceededOn(JsonNode entry, String model) {
        assertThat(entry.path("outcome").asText()).isEqualToIgnoringCase("SUCCEEDED");
        assertThat(entry.path("model").asText()).isEqualTo(model);
    }
}
