package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.YamlDocuments;
import dev.nightshift.app.report.ReportFile;
import dev.nightshift.core.codec.Json;
import dev.nightshift.testkit.FileTree;
import dev.nightshift.testkit.KafkaTestBroker;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift run} as a user runs it: a dry run that writes artifacts and ends with one JSON line. */
class RunCommandIT {
    @TempDir
    static Path dir;

    static SampleRepository repo;

    @BeforeAll
    static void createRepository() {
        repo = SampleRepository.create(dir.resolve("repo"));
    }

    @Test
    void aDryRunWritesOneArtifactPerSourceFileAndEndsWithASummaryLine() throws Exception {
        Path out = dir.resolve("out");

        // No --bootstrap: the command starts its own embedded broker under NIGHTSHIFT_HOME, as for a user.
        CliRun run = CliRun.of(
                Map.of("NIGHTSHIFT_HOME", dir.resolve("home-embedded").toString()),
                "run",
                repo.dir.toString(),
                "--task",
                "docs",
                "--out",
                out.toString(),
                "-o",
                "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("dry run").contains("no provider key");
        // stdout is the JSON alone (the summary for people went to stderr), so it pipes into jq
        JsonNode summary = Json.mapper().readTree(run.out());
        assertThat(summary.path("runId").asText()).startsWith("r-");
        int total = summary.path("jobs").path("total").asInt();
        assertThat(total).as("a job per source file, plus summaries").isGreaterThanOrEqualTo(3);
        assertThat(summary.path("jobs").path("succeeded").asInt()).isEqualTo(total);
        assertThat(summary.path("simulated").asBoolean()).isTrue();
        assertThat(summary.path("cost").path("usd").asText()).matches("\\d+\\.\\d+");
        assertThat(summary.path("cost").path("byModel").size()).isPositive();
        assertThat(summary.path("outDir").asText()).isEqualTo(out.toString());
        assertThat(out.resolve(SampleRepository.JAVA + ".md")).exists();
        assertThat(out.resolve(SampleRepository.PYTHON + ".md")).exists();
        assertThat(out.resolve(SampleRepository.JAVASCRIPT + ".md")).exists();
        assertThat(out.resolve(SampleRepository.BINARY + ".md")).doesNotExist();
        try (var files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)
                            .filter(f -> !f.endsWith(ReportFile.NAME))
                            .count())
                    .isEqualTo(total);
        }
        // beside the artifacts, the run's report, named in the summary
        assertThat(summary.path("report").asText())
                .isEqualTo(out.resolve(ReportFile.NAME).toString());
        assertThat(run.err())
                .contains("  report: " + out.resolve(ReportFile.NAME))
                .contains(" jobs — ");
        assertThat(Files.readString(out.resolve(ReportFile.NAME)))
                .startsWith("<!DOCTYPE html>")
                .contains(summary.path("runId").asText());
        assertThat(Files.readString(out.resolve(SampleRepository.JAVA + ".md"))).startsWith("<!-- nightshift dry run");
    }

    @Test
    void exportToWritesTheSameFilesAsRunOutForTheSameRun() throws Exception {
        Map<String, String> home =
                Map.of("NIGHTSHIFT_HOME", dir.resolve("home-export").toString());
        Path runOut = dir.resolve("run-out");
        Path exported = dir.resolve("exported");

        CliRun run =
                CliRun.of(home, "run", repo.dir.toString(), "--task", "docs", "--out", runOut.toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String runId = Json.mapper().readTree(run.out()).path("runId").asText();
        CliRun export = CliRun.of(home, "export", runId, "--to", exported.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();

        Map<String, String> artifacts = new TreeMap<>(FileTree.of(runOut));
        assertThat(artifacts.remove(ReportFile.NAME))
                .as("run --out adds the run's report")
                .isNotNull();
        assertThat(artifacts).containsKey(SampleRepository.JAVA + ".md");
        assertThat(FileTree.of(exported)).isEqualTo(artifacts);
    }

    @Test
    void withOutputYamlTheRunSummaryIsTheSameDocumentAsYaml() throws Exception {
        Path out = dir.resolve("out-yaml");

        CliRun run = CliRun.of(
                Map.of("NIGHTSHIFT_HOME", dir.resolve("home-yaml").toString()),
                "run",
                repo.dir.toString(),
                "--task",
                "docs",
                "--out",
                out.toString(),
                "-o",
                "yaml",
                "--bootstrap",
                KafkaTestBroker.bootstrapServers());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // stdout is the YAML alone; the summary for people went to stderr
        JsonNode summary = YamlDocuments.read(run.out());
        assertThat(summary.path("runId").asText()).startsWith("r-");
        int total = summary.path("jobs").path("total").asInt();
        assertThat(total).isPositive();
        assertThat(summary.path("jobs").path("succeeded").asInt()).isEqualTo(total);
        assertThat(summary.path("cost").path("usd").isTextual())
                .as("amounts stay exact decimal strings")
                .isTrue();
        assertThat(summary.path("outDir").asText()).isEqualTo(out.toString());
        assertThat(summary.path("simulated").asBoolean()).isTrue();
        assertThat(run.err()).contains("  report: " + out.resolve(ReportFile.NAME));
    }

    @Test
    void aFolderThatIsNotAGitRepositoryIsNamed() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));

        CliRun run = cli("run", plain.toString(), "--task", "docs");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .last()
                .asString()
                .startsWith("error: ")
                .contains(plain.toString())
                .contains("not a git repository");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void anUnknownRefIsNamed() {
        CliRun run = cli("run", repo.dir.toString(), "--task", "tests", "--ref", "no-such-branch");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).last().asString().startsWith("error: ").contains("no-such-branch");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void aMetricsPortInUseIsNamedWithTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = cli(
                    "run",
                    repo.dir.toString(),
                    "--task",
                    "docs",
                    "--metrics-port",
                    String.valueOf(taken.getLocalPort()));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.errLines())
                    .last()
                    .asString()
                    .startsWith("error: ")
                    .contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                    .contains("--metrics-port");
            assertThat(run.err()).doesNotContain("\tat ");
        }
    }

    private static CliRun cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap";
        all[args.length + 1] = KafkaTestBroker.bootstrapServers();
        return CliRun.of(Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString()), all);
    }
}
