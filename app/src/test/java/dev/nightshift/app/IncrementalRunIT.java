package dev.nightshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.app.run.SinkDocuments;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.reply.TestDefects;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SimulatorFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental runs end to end against the simulator: a second run on the same commit
 * costs $0 and is served wholly from the cache; after one file changes, only the jobs whose content changed
 * are paid for. With {@code tests} that is the changed file's job alone; with {@code docs} too when the change is
 * inside a body — summaries are built from what files are for and offer — while a new method also pays for its
 * folder's summary, and the levels above only when that summary came out different.
 */
class IncrementalRunIT {
    private static final String CART = "src/shop/Cart.java";
    private static final String PRICE = "src/shop/Price.java";
    private static final String REPORT = "tools/report.py";
    private static final String APP = "web/app.js";

    @TempDir
    static Path dir;

    static SimulatorFixture simulator;
    static LocalPipeline pipeline;

    /** Every simulated model writes clean tests: what is cached here is what the validator delivered. */
    @BeforeAll
    static void startPipeline() {
        NightshiftConfig config = SimulatorFixture.unlimited(ConfigLoader.loadDefault(Map.of()));
        simulator = SimulatorFixture.start(config, sim -> {
            SimulatorConfig clean = sim;
            for (String provider : config.providers().keySet()) {
                clean = clean.withProvider(provider, p -> p.withTestDefects(TestDefects.NONE));
            }
            return clean;
        });
        pipeline = LocalPipeline.builder(simulator.config(), new NightshiftHome(dir.resolve("home")))
                .keys(simulator.keys())
                .simulate(false)
                .bootstrap(KafkaTestBroker.bootstrapServers())
                .start();
    }

    @AfterAll
    static void stopPipeline() {
        pipeline.close();
        simulator.close();
    }

    @Test
    void aSecondRunOnTheSameCommitIsFreeAndAfterOneFileChangesOnlyItsTestJobIsPaidFor() throws Exception {
        Path repoDir = dir.resolve("tests-repo");
        String commitA;
        String commitB;
        try (GitRepoBuilder repo = sampleFiles(GitRepoBuilder.init(repoDir))) {
            commitA = repo.commit("A");
            // Commit B changes one line inside a function body: same signatures, same line count.
            commitB = repo.file(REPORT, report("r[\"amount\"] * 2")).commit("B: report doubles");
        }

        // Given a first run on commit A, paid in full
        RunPlanned first = submit(repoDir, commitA, TaskType.TESTS);
        JsonNode status1 = awaitCompleted(first.runId());
        assertThat(status1.path("jobs").path("succeeded").asInt())
                .isEqualTo(first.jobIds().size());
        assertThat(Money.usd(status1.path("cost").path("usd").asText())).isGreaterThan(Money.ZERO);
        assertThat(status1.path("servedFromCache").asLong()).isZero();
        awaitAnnounced(first);

        // When the same commit is run again
        RunPlanned second = submit(repoDir, commitA, TaskType.TESTS);
        JsonNode status2 = awaitCompleted(second.runId());

        // Then it costs exactly nothing, every job is served from the cache, and the artifacts are all there
        assertThat(second.jobIds()).containsExactlyInAnyOrderElementsOf(first.jobIds());
        assertThat(Money.usd(status2.path("cost").path("usd").asText())).isEqualTo(Money.ZERO);
        assertThat(status2.path("servedFromCache").asLong())
                .isEqualTo(second.jobIds().size());
        assertThat(status2.path("jobs").path("succeeded").asInt())
                .isEqualTo(second.jobIds().size());
        Map<String, String> texts1 = artifactTexts(first.runId());
        Map<String, String> texts2 = artifactTexts(second.runId());
        assertThat(texts2).isEqualTo(texts1).hasSize(first.jobIds().size());
        assertThat(pipeline.sinkDocuments().artifacts(second.runId()))
                .allSatisfy(a -> assertThat(a.path("fromCache").asBoolean()).isTrue());

        // When one file changes (commit B) and the repository is run again
        RunPlanned third = submit(repoDir, commitB, TaskType.TESTS);
        JsonNode status3 = awaitCompleted(third.runId());

        // Then only that file's job is paid for; the others are served from the cache
        assertThat(paidUnits(third.runId())).containsExactly(REPORT);
        assertThat(Money.usd(status3.path("cost").path("usd").asText())).isGreaterThan(Money.ZERO);
        assertThat(status3.path("servedFromCache").asLong())
                .isEqualTo(third.jobIds().size() - 1);
        assertThat(status3.path("jobs").path("succeeded").asInt())
                .isEqualTo(third.jobIds().size());
        assertThat(artifactTexts(third.runId())).hasSize(third.jobIds().size());
    }

    @Test
    void withDocsABodyChangePaysForItsFileAloneAndANewMethodForTheSummariesAboveIt() throws Exception {
        Path repoDir = dir.resolve("docs-repo");
        String commitA;
        String commitB;
        String commitC;
        try (GitRepoBuilder repo = sampleFiles(GitRepoBuilder.init(repoDir))) {
            commitA = repo.commit("A");
            // Commit B changes one line inside a function body: what the file offers is unchanged.
            commitB = repo.file(REPORT, report("r[\"amount\"] * 2")).commit("B: report doubles");
            // Commit C adds a method to Cart: its public API, so its folder's summary is made again. The summary says
            // what the files are for, which has not changed, so ARCHITECTURE (built from the summaries) is not.
            commitC = repo.file(CART, cart("""
                        public boolean isEmpty() {
                            return items == 0;
                        }
                    """)).commit("C: cart can be empty");
        }
        RunPlanned first = submit(repoDir, commitA, TaskType.DOCS);
        awaitCompleted(first.runId());
        awaitAnnounced(first);

        RunPlanned second = submit(repoDir, commitB, TaskType.DOCS);
        JsonNode bodyChange = awaitCompleted(second.runId());
        assertThat(paidUnits(second.runId())).containsExactly(REPORT);
        assertThat(bodyChange.path("servedFromCache").asLong())
                .isEqualTo(second.jobIds().size() - 1);
        awaitAnnounced(second);

        RunPlanned third = submit(repoDir, commitC, TaskType.DOCS);
        JsonNode newMethod = awaitCompleted(third.runId());
        // src/shop has two files (a summary); tools/ and web/ have one each (passed up); the repository has
        // ARCHITECTURE.
        assertThat(paidUnits(third.runId())).containsExactlyInAnyOrder(CART, "src/shop/README");
        assertThat(newMethod.path("servedFromCache").asLong())
                .isEqualTo(third.jobIds().size() - 2);
        assertThat(newMethod.path("jobs").path("succeeded").asInt())
                .isEqualTo(third.jobIds().size());
    }

    @Test
    void aOneFileChangeOnAThreeHundredFileRepositoryCostsUnderFivePercentOfAFullRun() throws Exception {
        Path repoDir = dir.resolve("docs-300");
        String full;
        String oneLine;
        String oneMethod;
        try (GitRepoBuilder repo = GitRepoBuilder.init(repoDir)) {
            for (int m = 0; m < 30; m++) {
                for (int f = 0; f < 10; f++) {
                    repo.file(String.format("mod%02d/part%d.py", m, f), module(m, f, ""));
                }
            }
            full = repo.commit("300 files");
            oneLine = repo.file("mod07/part3.py", module(7, 3, "").replace("return value * 3", "return value * 4"))
                    .commit("one line");
            oneMethod = repo.file("mod07/part3.py", module(7, 3, "\ndef extra_7_3(value):\n    return value\n"))
                    .commit("one method");
        }
        RunPlanned first = submit(repoDir, full, TaskType.DOCS);
        Money fullCost =
                Money.usd(awaitCompleted(first.runId()).path("cost").path("usd").asText());
        awaitAnnounced(first);
        RunPlanned second = submit(repoDir, oneLine, TaskType.DOCS);
        Money lineCost = Money.usd(
                awaitCompleted(second.runId()).path("cost").path("usd").asText());
        awaitAnnounced(second);
        RunPlanned third = submit(repoDir, oneMethod, TaskType.DOCS);
        Money methodCost =
                Money.usd(awaitCompleted(third.runId()).path("cost").path("usd").asText());

        double lineShare =
                lineCost.toBigDecimal().doubleValue() / fullCost.toBigDecimal().doubleValue();
        double methodShare = methodCost.toBigDecimal().doubleValue()
                / fullCost.toBigDecimal().doubleValue();
        System.out.printf(
                "incremental docs, %d jobs: full run $%s; one-line change $%s (%.2f %%); new method $%s (%.2f %%)%n",
                first.jobIds().size(),
                fullCost.toPlainString(),
                lineCost.toPlainString(),
                lineShare * 100,
                methodCost.toPlainString(),
                methodShare * 100);
        assertThat(first.jobIds()).hasSize(300 + 30 + 1);
        assertThat(paidUnits(second.runId())).containsExactly("mod07/part3.py");
        assertThat(lineShare).isLessThan(0.05);
        assertThat(paidUnits(third.runId())).containsExactlyInAnyOrder("mod07/part3.py", "mod07/README");
        assertThat(methodShare).isLessThan(0.05);
    }

    private static String module(int m, int f, String extra) {
        return """
                \"\"\"Module %1$d part %2$d of the inventory.\"\"\"


                def count_%1$d_%2$d(value):
                    return value * 3


                def label_%1$d_%2$d(name):
                    return f"{name}-%1$d-%2$d"
                %3$s""".formatted(m, f, extra);
    }

    private static GitRepoBuilder sampleFiles(GitRepoBuilder repo) {
        return repo.file(CART, cart(""))
                .file(PRICE, """
                        package shop;

                        /** A price in cents. */
                        public record Price(long cents) {
                            public Price plus(Price other) {
                                return new Price(cents + other.cents);
                            }
                        }
                        """)
                .file(REPORT, report("r[\"amount\"]"))
                .file(APP, """
                        export function greet(name) {
                          return `hello ${name}`;
                        }
                        """)
                // The repository is a project both runners know: node --test and pytest.
                .file(
                        "package.json",
                        "{ \"name\": \"shop\", \"type\": \"module\", \"scripts\": { \"test\": \"node --test\" } }\n")
                .file("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\npythonpath = [\".\"]\n");
    }

    private static String cart(String extra) {
        return """
                package shop;

                /** A shopping cart. */
                public class Cart {
                    private int items;

                    public void add() {
                        items++;
                    }
                %s}
                """.formatted(extra);
    }

    private static String report(String amount) {
        return """
                def total(rows):
                    \"\"\"Sum the amounts of a list of rows.\"\"\"
                    return sum(int(%s) for r in rows)
                """.formatted(amount);
    }

    private static RunPlanned submit(Path repoDir, String commit, TaskType task) {
        return pipeline.ingest()
                .submit(new RunRequest(
                        "r-inc-" + UUID.randomUUID(), "team-inc", repoDir.toString(), commit, task, true));
    }

    private static JsonNode awaitCompleted(String runId) {
        SinkDocuments sink = pipeline.sinkDocuments();
        // A tests run's first jobs wait for the validator to prepare the repository's workspace (a venv, node modules).
        return await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> sink.run(runId).orElse(null),
                        s -> s != null && "completed".equals(s.path("state").asText()));
    }

    /** Waits until the sink has announced every artifact the run paid for on the cache topic — what the router reads. */
    private static void awaitAnnounced(RunPlanned run) {
        new RunProbe(pipeline).awaitAnnounced(run);
    }

    /** The artifacts' texts by unit path. */
    private static Map<String, String> artifactTexts(String runId) {
        SinkDocuments sink = pipeline.sinkDocuments();
        Map<String, String> texts = new HashMap<>();
        for (JsonNode a : sink.artifacts(runId)) {
            texts.put(
                    a.path("unitPath").asText(),
                    sink.artifact(runId, a.path("jobId").asText()));
        }
        return texts;
    }

    /** Unit paths of the run's ledger entries that cost something. */
    private static List<String> paidUnits(String runId) throws Exception {
        List<String> paid = new ArrayList<>();
        for (String line : pipeline.sinkDocuments()
                .getText("/runs/" + runId + "/ledger?format=jsonl")
                .split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = Json.mapper().readTree(line);
            if (!Money.usd(entry.path("cost").asText()).isZero()) {
                paid.add(entry.path("unitPath").asText());
            }
        }
        return paid;
    }
}
