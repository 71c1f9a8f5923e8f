package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.app.run.SinkDocuments;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.router.config.RouterConfigLoader;
import dev.nightshift.simulator.reply.TestDefects;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SampleMavenProject;
import dev.nightshift.testkit.SimulatorFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tests run of a real Maven project through the whole pipeline: every generated test is built and run by the
 * validator before it counts. DeepSeek's tests never build and its repairs never fix them, so each job uses its
 * two repair rounds and escalates to Claude Haiku, whose first test does not build either and whose repair fixes
 * it: every round is a ledger line with its verdict, and each job ends with a test that passes.
 */
class ValidatedTestsRunIT {
    @TempDir
    static Path dir;

    static SimulatorFixture simulator;
    static LocalPipeline pipeline;
    static RunPlanned plan;
    static JsonNode status;
    static List<JsonNode> ledger;

    @BeforeAll
    static void runTestsOfASampleMavenProject() throws IOException {
        Path repo = dir.resolve("calc");
        SampleMavenProject.create(repo);
        simulator = SimulatorFixture.start(ConfigLoader.loadDefault(Map.of()), sim -> sim.withProvider(
                        "deepseek", p -> p.withTestDefects(new TestDefects(1.0, 0.0, 0.0, 0.0, 0.0)))
                .withProvider("anthropic", p -> p.withTestDefects(new TestDefects(1.0, 0.0, 0.0, 0.0, 1.0))));
        pipeline = LocalPipeline.builder(simulator.config(), new NightshiftHome(dir.resolve("home")))
                .keys(simulator.keys())
                .simulate(false)
                .bootstrap(KafkaTestBroker.bootstrapServers())
                .routing(RouterConfigLoader.loadDefault(simulator.config()))
                .start();
        plan = pipeline.ingest()
                .submit(new RunRequest(
                        "r-validated-1", "team-validated", repo.toString(), null, TaskType.TESTS, false));
        SinkDocuments sink = pipeline.sinkDocuments();
        status = await().atMost(Duration.ofMinutes(8))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> sink.run(plan.runId()).orElse(null),
                        s -> s != null && "completed".equals(s.path("state").asText()));
        ledger = new ArrayList<>();
        for (String line :
                sink.getText("/runs/" + plan.runId() + "/ledger?format=jsonl").split("\n")) {
            if (!line.isBlank()) {
                ledger.add(Json.mapper().readTree(line));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void everyJobEndsWithATestThatPassedAfterRepairAndEscalation() {
        assertThat(plan.jobIds()).hasSize(3);
        assertThat(status.path("jobs").path("succeeded").asInt())
                .as("status %s", status)
                .isEqualTo(3);
        Map<String, List<String>> verdictsByJob = ledger.stream()
                .collect(Collectors.groupingBy(
                        e -> e.path("jobId").asText(),
                        Collectors.mapping(
                                e -> e.path("model").asText() + ":"
                                        + e.path("verdict").asText(),
                                Collectors.toList())));
        assertThat(verdictsByJob).hasSize(3);
        assertThat(verdictsByJob.values()).as("ledger %s", ledger).allSatisfy(rounds -> assertThat(rounds)
                .containsExactly(
                        "deepseek/deepseek-chat:build-failed",
                        "deepseek/deepseek-chat:build-failed",
                        "deepseek/deepseek-chat:build-failed",
                        "anthropic/claude-3-5-haiku:build-failed",
                        "anthropic/claude-3-5-haiku:passed"));
    }

    @Test
    void theRunSummaryCountsCandidatesRepairsEscalationsAndCostPerPassingTest() {
        JsonNode tests = status.path("tests");
        assertThat(tests.path("candidates").asInt()).as("status %s", status).isEqualTo(15);
        assertThat(tests.path("passed").asInt()).isEqualTo(3);
        assertThat(tests.path("buildFailed").asInt()).isEqualTo(12);
        assertThat(tests.path("repaired").asInt()).isEqualTo(3);
        assertThat(tests.path("escalated").asInt()).isEqualTo(3);
        assertThat(tests.path("coverage").path("linesAfter").asInt())
                .isGreaterThan(tests.path("coverage").path("linesBefore").asInt());

        Money ledgerDollars =
                ledger.stream().map(e -> Money.usd(e.path("cost").asText())).reduce(Money.ZERO, Money::plus);
        BigDecimal perPassing =
                new BigDecimal(status.path("cost").path("perPassingTest").asText());
        assertThat(ledgerDollars.isZero()).isFalse();
        assertThat(perPassing)
                .isEqualByComparingTo(ledgerDollars
                        .toBigDecimal()
                        .divide(BigDecimal.valueOf(3), perPassing.scale(), RoundingMode.HALF_EVEN));
    }

    @Test
    void theExportedTestsLandWhereMavenCollectsThemAndPassItsOwnBuild() throws Exception {
        Path repo = dir.resolve("calc");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Terminal terminal = new Terminal(
                    Map.of(
                            "NIGHTSHIFT_HOME",
                            dir.resolve("cli-home").toString(),
                            "NIGHTSHIFT_SINK_URL",
                            pipeline.sinkUrl()),
                    o,
                    e,
                    false);
            exit = Nightshift.execute(terminal, "export", plan.runId(), "--to", repo.toString());
        }
        assertThat(exit).as("export: %s %s", out, err).isZero();
        List<String> generated;
        try (Stream<Path> files = Files.list(repo.resolve("src/test/java/demo"))) {
            generated = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        // The existing CalculatorTest stays; the generated test of Calculator goes beside it.
        assertThat(generated)
                .containsExactly(
                        "CalculatorGeneratedTest.java", "CalculatorTest.java", "CounterTest.java", "StringsTest.java");

        Process mvn = new ProcessBuilder("mvn", "-B", "-q", "-o", "test")
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .start();
        String log = new String(mvn.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mvn.waitFor()).as("mvn test: %s", log).isZero();
        for (String test : List.of("CalculatorGeneratedTest", "CounterTest", "StringsTest")) {
            assertThat(repo.resolve("target/surefire-reports/TEST-demo." + test + ".xml"))
                    .isRegularFile();
        }
    }
}
