package dev.nightshift.app;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.app.run.SinkDocuments;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SimulatorFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One docs run of {@link SampleRepository} through the all-in-one pipeline, not dry: every provider's base
 * URL points at a scripted simulator and a fake key is set. {@link #start} returns once the run completed.
 */
final class SimulatedRun implements AutoCloseable {
    final SimulatorFixture simulator;
    final LocalPipeline pipeline;
    final RunPlanned plan;
    final JsonNode status;

    private SimulatedRun(SimulatorFixture simulator, LocalPipeline pipeline, RunPlanned plan, JsonNode status) {
        this.simulator = simulator;
        this.pipeline = pipeline;
        this.plan = plan;
        this.status = status;
    }

    static SimulatedRun start(
            Path dir, UnaryOperator<SimulatorConfig> script, String routing, String runId, String tenant)
            throws IOException {
        SampleRepository repo = SampleRepository.create(dir.resolve("repo"));
        SimulatorFixture simulator = SimulatorFixture.start(ConfigLoader.loadDefault(Map.of()), script);
        LocalPipeline pipeline = null;
        try {
            NightshiftConfig config = simulator.config();
            Path routingFile = Files.writeString(dir.resolve("routing.yaml"), routing);
            pipeline = LocalPipeline.builder(config, new NightshiftHome(dir.resolve("home")))
                    .keys(simulator.keys())
                    .simulate(false)
                    .bootstrap(KafkaTestBroker.bootstrapServers())
                    .routing(RouterConfigLoader.load(routingFile, config))
                    .start();
            RunPlanned plan = pipeline.ingest()
                    .submit(new RunRequest(runId, tenant, repo.dir.toString(), null, TaskType.DOCS, false));
            SinkDocuments sink = pipeline.sinkDocuments();
            JsonNode status = await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> sink.run(plan.runId()).orElse(null),
                            s -> s != null && "completed".equals(s.path("state").asText()));
            return new SimulatedRun(simulator, pipeline, plan, status);
        } catch (RuntimeException | IOException e) {
            if (pipeline != null) {
                pipeline.close();
            }
            simulator.close();
            throw e;
        }
    }

    NightshiftConfig config() {
        return simulator.config();
    }

    /** The run's ledger as the sink's API gives it, one JSON object per attempt. */
    List<JsonNode> ledger() throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : pipeline.sinkDocuments()
                .getText("/runs/" + plan.runId() + "/ledger?format=jsonl")
                .split("\n")) {
            if (!line.isBlank()) {
                entries.add(Json.mapper().readTree(line));
            }
        }
        return entries;
    }

    @Override
    public void close() {
        pipeline.close();
        simulator.close();
    }
}
