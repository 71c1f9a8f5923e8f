package dev.nightshift.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.SinkOptions;
import dev.nightshift.sink.SinkVerticle;
import dev.nightshift.sinkapi.export.SimulatedMark;
import dev.nightshift.sinkapi.run.RunState;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nightshift cost | ledger | export} over a store the real sink filled from Kafka: once read directly
 * from {@code $NIGHTSHIFT_HOME/sink} after the sink stopped (the laptop case), once over a running sink's
 * HTTP API with a bearer token. Two sinks with their own consumer groups consume the same records.
 */
class QueryCommandsIT {
    private static final Instant DAY1 = Instant.parse("2026-11-30T03:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String TOKEN = "query-it-token";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String ACME = "acme-" + SUFFIX;
    private static final String GLOBEX = "globex-" + SUFFIX;
    private static final String R1 = "r-query-docs-" + SUFFIX;
    private static final String R2 = "r-query-tests-" + SUFFIX;
    private static final String DOC_A = "# A\n\nA greets.\n";
    private static final String DOC_B = "# B\n\nB counts.\n";

    @TempDir
    static Path tmp;

    private static Path home;
    private static Path repo;
    private static String commit;
    private static Vertx vertx;
    private static SinkVerticle httpSink;
    private static String sinkUrl;

    @BeforeAll
    static void aStoreFilledByTheSinkFromRealResults() throws Exception {
        home = tmp.resolve("home");
        try (GitRepoBuilder git = GitRepoBuilder.init(tmp.resolve("repo"))) {
            commit = git.file("src/A.java", "class A {}\n")
                    .file("src/b/B.java", "class B {}\n")
                    .file("README.md", "# demo\n")
                    .commit("first");
            repo = git.dir();
        }
        vertx = Vertx.vertx();
        SinkVerticle localSink = sink(home.resolve("sink"), Map.of());
        String localDeployment = done(vertx.deployVerticle(localSink));
        httpSink = sink(tmp.resolve("http-sink"), Map.of("NIGHTSHIFT_API_TOKEN", TOKEN));
        done(vertx.deployVerticle(httpSink));
        sinkUrl = "http://127.0.0.1:" + httpSink.actualPort();

        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(KafkaTestBroker.bootstrapServers(), "query-it"))) {
            publish(
                    producer,
                    Topics.RUNS,
                    R1,
                    MessageCodec.RUN_PLANNED.encode(new RunPlanned(
                            R1,
                            ACME,
                            repo.toString(),
                            commit,
                            TaskType.DOCS,
                            List.of("j1", "j2"),
                            4000,
                            List.of(),
                            true,
                            DAY1)));
            publish(
                    producer,
                    Topics.RUNS,
                    R2,
                    MessageCodec.RUN_PLANNED.encode(new RunPlanned(
                            R2,
                            GLOBEX,
                            "https://git.example.com/globex/lib.git",
                            "0123abcd",
                            TaskType.TESTS,
                            List.of("k1"),
                            300,
                            List.of(),
                            true,
                            DAY2)));
            for (AttemptResult r : results()) {
                publish(producer, Topics.RESULTS, r.jobId(), MessageCodec.JOB_EVENT.encode(r));
            }
        }
        for (SinkVerticle s : List.of(localSink, httpSink)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> completed(s, R1) && completed(s, R2));
        }
        // The laptop case: the run is over and nothing serves the store any more.
        done(vertx.undeploy(localDeployment));
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            done(vertx.close());
        }
    }

    /** R1: a billed failure on deepseek, then two successes on gemini; R2: one success, a day later, for another tenant. */
    private static List<AttemptResult> results() {
        return List.of(
                new AttemptResult(
                        new JobRef(R1, "j1", ACME, repo.toString(), commit, TaskType.DOCS, "src/A.java", "java", true),
                        1,
                        "deepseek",
                        "deepseek-chat",
                        "cheapest",
                        Outcome.FAILED,
                        FailureClass.INVALID_OUTPUT,
                        "no document in reply",
                        Usage.of(1000, 0, 0, 100),
                        Money.usd("0.000182"),
                        "prices-1",
                        800,
                        DAY1,
                        DAY1.plusMillis(800),
                        "stop",
                        null,
                        false),
                new AttemptResult(
                        new JobRef(R1, "j1", ACME, repo.toString(), commit, TaskType.DOCS, "src/A.java", "java", true),
                        2,
                        "gemini",
                        "gemini-1.5-flash",
                        "escalated",
                        Outcome.SUCCEEDED,
                        null,
                        null,
                        Usage.of(1000, 0, 0, 200),
                        Money.usd("0.00065"),
                        "prices-1",
                        1200,
                        DAY1.plusSeconds(1),
                        DAY1.plusSeconds(2),
                        "stop",
                        DOC_A,
                        true),
                new AttemptResult(
                        new JobRef(
                                R1, "j2", ACME, repo.toString(), commit, TaskType.DOCS, "src/b/B.java", "java", true),
                        1,
                        "gemini",
                        "gemini-1.5-flash",
                        "cheapest",
                        Outcome.SUCCEEDED,
                        null,
                        null,
                        Usage.of(2000, 500, 0, 400),
                        Money.usd("0.0013175"),
                        "prices-1",
                        1500,
                        DAY1,
                        DAY1.plusSeconds(2),
                        "stop",
                        DOC_B,
                        true),
                new AttemptResult(
                        new JobRef(
                                R2,
                                "k1",
                                GLOBEX,
                                "https://git.example.com/globex/lib.git",
                                "0123abcd",
                                TaskType.TESTS,
                                "lib/x.py",
                                "python",
                                true),
                        1,
                        "gemini",
                        "gemini-1.5-flash",
                        "cheapest",
                        Outcome.SUCCEEDED,
                        null,
                        null,
                        Usage.of(300, 0, 0, 100),
                        Money.usd("0.000255"),
                        "prices-1",
                        900,
                        DAY2,
                        DAY2.plusSeconds(1),
                        "stop",
                        "```python\ndef test_x():\n    assert True\n```\n",
                        true));
    }

    private static Map<String, String> local() {
        return Map.of("NIGHTSHIFT_HOME", home.toString());
    }

    private static Map<String, String> remote() {
        return Map.of(
                "NIGHTSHIFT_HOME",
                tmp.resolve("elsewhere").toString(),
                "NIGHTSHIFT_SINK_URL",
                sinkUrl,
                "NIGHTSHIFT_API_TOKEN",
                TOKEN);
    }

    @Test
    void theCostOfARunByModelIsExactFromTheLocalStoreAfterTheSinkStopped() {
        QueryCli r = QueryCli.of(local(), "cost", "--run", R1);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(4);
        assertThat(r.outLines().get(1).split("\\s+"))
                .containsExactly("deepseek/deepseek-chat", "1", "1", "1", "1000", "0", "0", "100", "0.000182");
        assertThat(r.outLines().get(2).split("\\s+"))
                .containsExactly("gemini/gemini-1.5-flash", "2", "0", "0", "3000", "500", "0", "600", "0.0019675");
        assertThat(r.outLines().get(3).split("\\s+"))
                .containsExactly("total", "3", "1", "1", "4000", "500", "0", "700", "0.0021495");
    }

    @Test
    void costByDayForATenantAndADayRangeSumsOnlyThatTenantsDays() throws Exception {
        JsonNode byDay = json(QueryCli.of(local(), "cost", "--tenant", ACME, "--by", "day", "--json"));
        JsonNode rangeHit = json(QueryCli.of(
                local(),
                "cost",
                "--tenant",
                GLOBEX,
                "--by",
                "day",
                "--from",
                "2026-12-01",
                "--to",
                "2026-12-01",
                "--json"));
        JsonNode rangeMiss = json(QueryCli.of(local(), "cost", "--tenant", ACME, "--from", "2026-12-01", "--json"));

        assertThat(byDay.path("by").asText()).isEqualTo("day");
        assertThat(byDay.path("groups")).hasSize(1);
        assertThat(byDay.path("groups").get(0).path("key").asText()).isEqualTo("2026-11-30");
        assertThat(byDay.path("total").path("usd").asText()).isEqualTo("0.0021495");
        assertThat(byDay.path("total").path("billedFailedAttempts").asLong()).isEqualTo(1);
        assertThat(rangeHit.path("source").asText()).isEqualTo("ledger");
        assertThat(rangeHit.path("groups").get(0).path("key").asText()).isEqualTo("2026-12-01");
        assertThat(rangeHit.path("total").path("usd").asText()).isEqualTo("0.000255");
        assertThat(rangeHit.path("total").path("output").asLong()).isEqualTo(100);
        assertThat(rangeMiss.path("groups")).isEmpty();
        assertThat(Money.usd(rangeMiss.path("total").path("usd").asText())).isEqualTo(Money.ZERO);
    }

    @Test
    void theLedgerIsOneCsvRowOrJsonLinePerAttemptBilledFailureIncluded() throws Exception {
        QueryCli csv = QueryCli.of(local(), "ledger", "--run", R1);
        QueryCli jsonl = QueryCli.of(local(), "ledger", "--run", R1, "--format", "jsonl");

        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<String> rows = csv.out().lines().toList();
        assertThat(rows).hasSize(4);
        List<String> columns = List.of(rows.get(0).split(","));
        assertThat(columns).startsWith("runId", "tenant").contains("attempt", "model", "costUsd", "outcome", "billed");
        assertThat(rows.subList(1, 4))
                .allSatisfy(row -> assertThat(row.split(",", -1)).hasSize(columns.size()));
        assertThat(rows.subList(1, 4).stream().map(row -> row.split(",", -1)[columns.indexOf("costUsd")]))
                .containsExactly("0.000182", "0.00065", "0.0013175");
        assertThat(rows.get(1).split(",", -1)[columns.indexOf("outcome")]).isEqualTo("FAILED");
        assertThat(rows.get(1).split(",", -1)[columns.indexOf("billed")]).isEqualTo("true");

        List<String> lines = jsonl.out().lines().toList();
        assertThat(lines).hasSize(3);
        Money sum = Money.ZERO;
        for (String line : lines) {
            JsonNode entry = Json.mapper().readTree(line);
            assertThat(entry.path("runId").asText()).isEqualTo(R1);
            sum = sum.plus(Money.usd(entry.path("cost").asText()));
        }
        assertThat(sum).isEqualTo(Money.usd("0.0021495"));
    }

    @Test
    void aRunningSinkOverHttpGivesTheSameAnswersAsTheLocalStore() throws Exception {
        QueryCli remoteCost = QueryCli.of(remote(), "cost", "--run", R1, "--json");
        QueryCli localCost = QueryCli.of(local(), "cost", "--run", R1, "--json");
        QueryCli remoteLedger = QueryCli.of(remote(), "ledger", "--run", R1, "--format", "csv");
        QueryCli localLedger = QueryCli.of(local(), "ledger", "--run", R1, "--format", "csv");
        QueryCli remoteTable = QueryCli.of(remote(), "cost", "--run", R2, "--by", "task", "--sink", sinkUrl);

        assertThat(remoteCost.exitCode()).as(remoteCost.err()).isZero();
        assertThat(json(remoteCost)).isEqualTo(json(localCost));
        assertThat(json(remoteCost).path("total").path("usd").asText()).isEqualTo("0.0021495");
        assertThat(remoteLedger.exitCode()).as(remoteLedger.err()).isZero();
        // each sink stamps its own recordedAt; every other cell is the same
        assertThat(withoutRecordedAt(remoteLedger.out()))
                .isEqualTo(withoutRecordedAt(localLedger.out()))
                .hasSize(4);
        assertThat(remoteTable.outLines().get(1).split("\\s+"))
                .containsExactly("tests", "1", "0", "0", "300", "0", "0", "100", "0.000255");
    }

    @Test
    void theSinkOverHttpRefusesAWrongTokenAndNamesAnUnknownRun() {
        Map<String, String> wrongToken = new HashMap<>(remote());
        wrongToken.put("NIGHTSHIFT_API_TOKEN", "not-the-token");

        QueryCli refused = QueryCli.of(wrongToken, "cost", "--run", R1);
        QueryCli unknown = QueryCli.of(
                remote(),
                "export",
                "r-unknown-" + SUFFIX,
                "--to",
                tmp.resolve("never").toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errLines())
                .singleElement()
                .asString()
                .contains(sinkUrl)
                .contains("NIGHTSHIFT_API_TOKEN")
                .doesNotContain("not-the-token");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines())
                .singleElement()
                .asString()
                .startsWith("error: no run 'r-unknown-" + SUFFIX + "' at " + sinkUrl);
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void exportToAFolderWritesEachArtifactAtItsRepositoryPathFromEitherSource() throws Exception {
        Path fromStore = tmp.resolve("out-local");
        Path fromHttp = tmp.resolve("out-http");

        QueryCli local = QueryCli.of(local(), "export", R1, "--to", fromStore.toString());
        QueryCli remote = QueryCli.of(remote(), "export", R2, "--to", fromHttp.toString());

        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.outLines()).containsExactly("exported 2 artifacts of run " + R1 + " to " + fromStore);
        // Both runs are dry runs: every exported artifact says so in its first line.
        assertThat(Files.readString(fromStore.resolve("src/A.java.md")))
                .isEqualTo(SimulatedMark.apply("src/A.java.md", DOC_A));
        assertThat(Files.readString(fromStore.resolve("src/b/B.java.md")))
                .isEqualTo(SimulatedMark.apply("src/b/B.java.md", DOC_B));
        assertThat(remote.exitCode()).as(remote.err()).isZero();
        assertThat(Files.readString(fromHttp.resolve("lib/test_x.py")))
                .isEqualTo(SimulatedMark.apply("lib/test_x.py", "def test_x():\n    assert True\n"));
    }

    @Test
    void exportToABranchCommitsIntoTheRepositoryOfTheCurrentDirectoryOnTopOfTheRunsCommit() throws Exception {
        Path clone = clone("clone-branch");
        // untracked files are no uncommitted change: the branch never touches them
        Files.writeString(clone.resolve("notes.txt"), "mine\n");
        String branch = "nightshift/docs-" + SUFFIX;

        QueryCli r = QueryCli.in(clone.resolve("src"), local(), "export", R1, "--branch", branch);
        QueryCli again = QueryCli.in(clone, local(), "export", R1, "--branch", branch);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines())
                .singleElement()
                .asString()
                .startsWith("exported 2 artifacts of run " + R1 + " to branch " + branch + " (" + clone + ", commit ");
        try (Git git = Git.open(clone.toFile());
                RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            RevCommit exported = walk.parseCommit(repository.resolve("refs/heads/" + branch));
            assertThat(exported.getParent(0).name()).isEqualTo(commit);
            assertThat(exported.getFullMessage())
                    .contains("Run: " + R1)
                    .contains("Commit: " + commit)
                    .contains("0.0021495 USD")
                    .contains("deepseek/deepseek-chat: $0.000182")
                    .contains("gemini/gemini-1.5-flash: $0.0019675");
            assertThat(blob(repository, exported, "src/A.java.md"))
                    .isEqualTo(SimulatedMark.apply("src/A.java.md", DOC_A));
            assertThat(blob(repository, exported, "src/b/B.java.md"))
                    .isEqualTo(SimulatedMark.apply("src/b/B.java.md", DOC_B));
            assertThat(blob(repository, exported, "src/A.java")).isEqualTo("class A {}\n");
            assertThat(repository.getBranch()).isNotEqualTo(branch);
        }
        assertThat(clone.resolve("src/A.java.md")).doesNotExist();
        try (Git source = Git.open(repo.toFile())) {
            assertThat(source.getRepository().exactRef("refs/heads/" + branch))
                    .as("the run's source is not where you work")
                    .isNull();
        }
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.errLines())
                .singleElement()
                .asString()
                .contains("branch '" + branch + "' already exists in " + clone)
                .contains("add --force to replace it");
    }

    @Test
    void anExistingBranchIsReplacedOnlyWithForceAndNeverWhileCheckedOut() throws Exception {
        Path clone = clone("clone-force");
        String branch = "review-" + SUFFIX;
        String handMade;
        String checkedOut;
        try (Git git = Git.open(clone.toFile())) {
            handMade = git.branchCreate().setName(branch).call().getObjectId().name();
            checkedOut = git.getRepository().getBranch();
        }

        QueryCli refused = QueryCli.in(clone, local(), "export", R1, "--branch", branch);
        QueryCli forced = QueryCli.in(clone, local(), "export", R1, "--branch", branch, "--force");
        QueryCli current = QueryCli.in(clone, local(), "export", R1, "--branch", checkedOut, "--force");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errLines()).singleElement().asString().contains("branch '" + branch + "' already exists");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.errLines())
                .contains("note: replaced branch '" + branch + "', which was at commit " + handMade
                        + " (to get it back: git branch -f " + branch + " " + handMade + ")");
        try (Git git = Git.open(clone.toFile());
                RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit exported = walk.parseCommit(git.getRepository().resolve("refs/heads/" + branch));
            assertThat(exported.getParent(0).name()).isEqualTo(commit);
            assertThat(blob(git.getRepository(), exported, "src/A.java.md")).contains("A greets.");
        }
        assertThat(current.exitCode()).isEqualTo(2);
        assertThat(current.errLines())
                .singleElement()
                .asString()
                .contains("branch '" + checkedOut + "' is checked out in " + clone);
    }

    @Test
    void exportToABranchRefusesUncommittedChangesAndAFolderOutsideAnyRepository() throws Exception {
        Path clone = clone("clone-dirty");
        Files.writeString(clone.resolve("README.md"), "# demo, edited\n");
        Path plain = Files.createDirectories(tmp.resolve("not-a-repository"));

        QueryCli dirty = QueryCli.in(clone, local(), "export", R1, "--branch", "nightshift/dirty-" + SUFFIX);
        QueryCli outside = QueryCli.in(plain, local(), "export", R1, "--branch", "nightshift/outside-" + SUFFIX);
        QueryCli named = QueryCli.in(
                plain, local(), "export", R1, "--branch", "nightshift/named-" + SUFFIX, "--repo", "missing");

        assertThat(dirty.exitCode()).isEqualTo(2);
        assertThat(dirty.errLines())
                .singleElement()
                .asString()
                .isEqualTo("error: " + clone
                        + " has uncommitted changes (README.md); commit or stash them (git stash), then export again");
        try (Git git = Git.open(clone.toFile())) {
            assertThat(git.getRepository().exactRef("refs/heads/nightshift/dirty-" + SUFFIX))
                    .isNull();
        }
        assertThat(outside.exitCode()).isEqualTo(2);
        assertThat(outside.errLines())
                .singleElement()
                .asString()
                .isEqualTo(
                        "error: the current directory (" + plain
                                + ") is not in a git repository; run export --branch from your clone, or pass --repo PATH of one");
        assertThat(named.exitCode()).isEqualTo(2);
        assertThat(named.errLines()).singleElement().asString().startsWith("error: --repo missing is not a folder");
    }

    @Test
    void exportToABranchOfARunWhoseCommitIsNotInTheRepositoryNamesWhereToFetchItFrom() throws Exception {
        Path clone = clone("clone-remote-run");

        QueryCli r = QueryCli.in(clone, local(), "export", R2, "--branch", "nightshift/tests-" + SUFFIX);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines())
                .singleElement()
                .asString()
                .contains("commit '0123abcd' of run " + R2 + " is not in " + clone)
                .contains("https://git.example.com/globex/lib.git")
                .contains("--repo PATH");
    }

    /** Where a user works: a clone of the run's repository, its default branch checked out. */
    private static Path clone(String name) throws Exception {
        Path dir = tmp.resolve(name);
        try (Git ignored = Git.cloneRepository()
                .setURI(repo.toUri().toString())
                .setDirectory(dir.toFile())
                .call()) {
            return dir;
        }
    }

    @Test
    void exportToAPatchDiffsTheArtifactsAgainstTheRunsCommit() throws Exception {
        Path patch = tmp.resolve("patches/r1.patch");

        QueryCli r = QueryCli.of(remote(), "export", R1, "--patch", patch.toString(), "--repo", repo.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).singleElement().asString().contains("as a patch in " + patch);
        String text = Files.readString(patch);
        assertThat(text)
                .contains("diff --git a/src/A.java.md b/src/A.java.md")
                .contains("new file mode 100644")
                .contains("+++ b/src/b/B.java.md")
                .contains("+A greets.")
                .contains("+B counts.")
                .contains("+" + SimulatedMark.apply("x.md", "").strip());
        assertThat(text).doesNotContain("README.md");
    }

    private static String blob(Repository repository, RevCommit c, String path) throws Exception {
        try (TreeWalk tw = TreeWalk.forPath(repository, path, c.getTree())) {
            assertThat(tw).as(path).isNotNull();
            ObjectId id = tw.getObjectId(0);
            return new String(repository.open(id).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> withoutRecordedAt(String csv) {
        List<String> rows = csv.lines().toList();
        int column = List.of(rows.get(0).split(",")).indexOf("recordedAt");
        return rows.stream()
                .map(row -> {
                    List<String> cells = new java.util.ArrayList<>(List.of(row.split(",", -1)));
                    cells.remove(column);
                    return String.join(",", cells);
                })
                .toList();
    }

    private static JsonNode json(QueryCli r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }

    private static SinkVerticle sink(Path dataDir, Map<String, String> env) {
        return new SinkVerticle(
                ConfigLoader.loadDefault(Map.of()),
                KafkaTestBroker.bootstrapServers(),
                dataDir,
                new SinkOptions("query-it-" + UUID.randomUUID(), InstantSource.system(), env));
    }

    private static boolean completed(SinkVerticle sink, String runId) {
        return sink.queries()
                .run(runId)
                .map(r -> r.state() == RunState.COMPLETED)
                .orElse(false);
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static <T> T done(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the sink did not start or stop: " + e.getMessage(), e);
        }
    }
}
