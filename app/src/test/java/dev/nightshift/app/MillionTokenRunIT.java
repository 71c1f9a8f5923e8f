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
import dev.nightshift.core.usage.Usage;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository-level documentation job of a repository of about 830,000 tokens (some 3.5 MB of
 * code) travels through Kafka to a worker, which sends it whole to the long-context model (the simulator).
 */
class MillionTokenRunIT {
    private static final int FILES = 32;
    private static final int METHODS_PER_FILE = 420;

    @TempDir
    Path dir;

    @Test
    void theWholeRepositoryReachesTheLongContextModelInOneCall() throws Exception {
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir.resolve("repo"))) {
            for (int f = 0; f < FILES; f++) {
                repo.file("src/main/java/big/Module" + f + ".java", javaClass(f));
            }
            repo.commit("a large code base");
        }
        try (LocalPipeline pipeline = LocalPipeline.builder(
                        ConfigLoader.loadDefault(Map.of()), new NightshiftHome(dir.resolve("home")))
                .simulate(true)
                .bootstrap(KafkaTestBroker.bootstrapServers())
                .start()) {
            RunPlanned plan = pipeline.ingest()
                    .submit(new RunRequest(
                            "r-million", null, dir.resolve("repo").toString(), null, TaskType.DOCS, true));
            // The file documents, plus the architecture carrying the whole repository again (without it: ~0.8M).
            assertThat(plan.inputTokens()).isGreaterThan(1_200_000);

            SinkDocuments sink = pipeline.sinkDocuments();
            JsonNode status = await().atMost(Duration.ofMinutes(8))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> sink.run(plan.runId()).orElse(null),
                            s -> s != null && "completed".equals(s.path("state").asText()));
            JsonNode repositoryJob = null;
            StringBuilder failures = new StringBuilder();
            for (String line : sink.getText("/runs/" + plan.runId() + "/ledger?format=jsonl")
                    .split("\n")) {
                JsonNode entry = line.isBlank() ? null : Json.mapper().readTree(line);
                if (entry != null && entry.path("unitPath").asText().equals("ARCHITECTURE")) {
                    repositoryJob = entry;
                }
                if (entry != null && !entry.path("outcome").asText().equalsIgnoreCase("SUCCEEDED")) {
                    failures.append(entry.path("unitPath").asText())
                            .append(": ")
                            .append(entry.path("failureClass").asText())
                            .append(" ")
                            .append(entry.path("failureReason").asText())
                            .append("; ");
                }
            }
            assertThat(status.path("jobs").path("succeeded").asInt())
                    .as("failed: %s", failures)
                    .isEqualTo(plan.jobIds().size());
            assertThat(repositoryJob)
                    .as("the repository-level job's ledger entry")
                    .isNotNull();
            assertThat(repositoryJob.path("model").asText()).isEqualTo("gemini/gemini-1.5-flash");
            assertThat(repositoryJob.path("outcome").asText()).isEqualToIgnoringCase("SUCCEEDED");
            Usage usage = Json.mapper().treeToValue(repositoryJob.path("usage"), Usage.class);
            assertThat(usage.totalInput())
                    .as("input tokens the provider counted")
                    .isBetween(750_000L, 1_000_000L);
        }
    }

    /** Varied, realistic-looking Java: about 21,000 tokens per file. */
    private static String javaClass(int f) {
        StringBuilder code = new StringBuilder(
                "package big;\n\nimport java.util.List;\n\n/** Module " + f + ". */\npublic class Module" + f + " {\n");
        for (int m = 0; m < METHODS_PER_FILE; m++) {
            code.append("    /** Scales item ")
                    .append(m)
                    .append(" of module ")
                    .append(f)
                    .append(". */\n")
                    .append("    public long scale")
                    .append(m)
                    .append("(List<Long> values, long factor")
                    .append(m % 7)
                    .append(") {\n")
                    .append("        long total = ")
                    .append(f * 31 + m)
                    .append("L;\n")
                    .append("        for (long v : values) { total += v * factor")
                    .append(m % 7)
                    .append(" - ")
                    .append(m % 13)
                    .append("; }\n")
                    .append("        return total;\n    }\n\n");
        }
        return code.append("}\n").toString();
    }
}
