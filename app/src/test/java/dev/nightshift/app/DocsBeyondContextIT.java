package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.DocsConfig;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.simulator.billing.ReceivedPrompts;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository larger than every model's context window still gets one ARCHITECTURE.md: built from its folder
 * summaries, which always fit, with no part of the source and no unmerged parts.
 */
class DocsBeyondContextIT {
    private static final long WINDOW = 16_000;

    @TempDir
    Path dir;

    /** Every model with a 16,000-token window; the architecture document given at most 2,048 output tokens. */
    private static NightshiftConfig smallWindows() {
        NightshiftConfig d = ConfigLoader.loadDefault(Map.of());
        Map<String, ProviderConfig> providers = new HashMap<>();
        d.providers().forEach((id, p) -> {
            Map<String, ModelConfig> models = new HashMap<>();
            p.models().forEach((m, c) -> models.put(m, new ModelConfig(c.name(), WINDOW, c.price())));
            providers.put(
                    id,
                    new ProviderConfig(
                            p.protocol(), p.baseUrl(), p.apiKeyEnv(), p.apiKeyFile(), p.limits(), models, p.batch()));
        });
        return new NightshiftConfig(
                providers,
                d.routing(),
                d.jobs(),
                d.baseline(),
                d.ingest(),
                d.sink(),
                d.validation(),
                new DocsConfig(null, null, null, null, null, null, null, 2_048, null));
    }

    @Test
    void aRepositoryLargerThanEveryContextWindowGetsOneArchitectureFromItsSummaries() throws Exception {
        Path repo = dir.resolve("wide");
        try (GitRepoBuilder git = GitRepoBuilder.init(repo)) {
            for (int m = 0; m < 4; m++) {
                for (int f = 0; f < 8; f++) {
                    StringBuilder code =
                            new StringBuilder("\"\"\"Stage " + m + " step " + f + " of the pipeline.\"\"\"\n\n");
                    for (int i = 0; i < 12; i++) {
                        code.append("def step_")
                                .append(m)
                                .append('_')
                                .append(f)
                                .append('_')
                                .append(i)
                                .append("(rows, factor=")
                                .append(i + 1)
                                .append("):\n    return [r * factor + ")
                                .append(i * 7)
                                .append(" for r in rows if r % ")
                                .append(i + 2)
                                .append(" != 0]\n\n");
                    }
                    git.file("stage" + m + "/step" + f + ".py", code.toString());
                }
            }
            git.commit("a repository of about 25,000 tokens");
        }

        try (SimulatedPipeline harness = SimulatedPipeline.start(smallWindows(), dir.resolve("home"))) {
            RunPlanned run = harness.probe.submit(repo, null, TaskType.DOCS);
            JsonNode status = harness.probe.awaitCompleted(run.runId());

            assertThat(run.inputTokens()).isGreaterThan(WINDOW);
            assertThat(run.skipped()).anySatisfy(s -> {
                assertThat(s.path()).isEqualTo("ARCHITECTURE");
                assertThat(s.reason()).startsWith("summaries-only:");
            });
            Map<String, String> docs = harness.probe.artifactsByPath(run.runId());
            assertThat(docs.keySet())
                    .filteredOn(p -> p.startsWith("ARCHITECTURE"))
                    .containsExactly("ARCHITECTURE.md");
            assertThat(docs.get("ARCHITECTURE.md")).contains("```mermaid", "stage0", "stage3");
            List<String> repositoryPrompts = harness.simulator.simulator().prompts().stream()
                    .map(ReceivedPrompts.Received::prompt)
                    .filter(p -> p.contains("Level: repository"))
                    .toList();
            assertThat(repositoryPrompts).singleElement().satisfies(p -> assertThat(p)
                    .contains("### Folder: stage0", "### Folder: stage3")
                    .doesNotContain("Whole source", "def step_"));
            assertThat(status.path("jobs").path("succeeded").asInt())
                    .isEqualTo(run.jobIds().size());
        }
    }
}
