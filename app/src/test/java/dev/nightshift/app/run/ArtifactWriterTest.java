package dev.nightshift.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.TestRuns;
import dev.nightshift.app.cli.Terminal;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.api.BearerAuth;
import dev.nightshift.sink.api.QueryApi;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.cache.ArtifactCache;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.export.HttpArtifactSource;
import dev.nightshift.testkit.FileTree;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --out} against a real store served by the sink's query API, as a local run reads it; the store sits
 * where {@code NIGHTSHIFT_HOME} keeps it, so {@code nightshift export} can read the same run without a server too.
 */
class ArtifactWriterTest {
    private static final String MARK = "// nightshift dry run: written by the simulator, not by a model\n";

    @TempDir
    Path dir;

    private Map<String, String> home;
    private SinkStore store;
    private Vertx vertx;
    private String url;

    @BeforeEach
    void serve() throws Exception {
        home = Map.of("NIGHTSHIFT_HOME", dir.resolve("home").toString());
        store = SinkStore.open(NightshiftHome.resolve(home).sink());
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(new QueryApi(
                                vertx,
                                new SinkQueries(store, InstantSource.system()),
                                new EvaluationQueries(store),
                                new ArtifactCache(store),
                                BearerAuth.open(),
                                () -> true)
                        .router())
                .listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
        url = "http://127.0.0.1:" + server.actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().await(30, TimeUnit.SECONDS);
            store.close();
        }
    }

    /** What {@code run --out} reads: the run over the sink's API, as the run's driver does. */
    private ArtifactSource run(String runId) {
        return new HttpArtifactSource(url, null, runId);
    }

    @Test
    void aDryRunsPassingTestsAreWrittenMarkedWithTheSplitClassMergedAndNoRejectedTest() throws Exception {
        TestRuns.write(store, "r-tests", true);
        Path out = dir.resolve("out");

        int written = new ArtifactWriter(out).writeAll(run("r-tests"));

        assertThat(written).isEqualTo(2);
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)
                            .map(p -> out.relativize(p).toString().replace('\\', '/')))
                    .containsExactlyInAnyOrder("src/test/java/a/ATest.java", "src/test/java/a/BTest.java");
        }
        assertThat(Files.readString(out.resolve("src/test/java/a/ATest.java"))).isEqualTo(MARK + TestRuns.A_TEST);
        assertThat(Files.readString(out.resolve("src/test/java/a/BTest.java"))).isEqualTo(MARK + TestRuns.MERGED_B);
    }

    @Test
    void anArtifactPathThatLeavesTheOutputFolderFailsTheRunAfterTheOthersAreWritten() {
        BatchApplier applier = new BatchApplier(store, InstantSource.system());
        applier.apply(List.of(
                new Incoming.Plan(new RunPlanned(
                        "r-docs",
                        "default",
                        "/repos/demo",
                        "c0ffee",
                        TaskType.DOCS,
                        List.of("j1", "j2"),
                        10,
                        List.of(),
                        false,
                        TestRuns.T0)),
                new Incoming.Event(doc("j1", "src/a.py")),
                new Incoming.Event(doc("j2", "../../escape.py"))));
        Path out = dir.resolve("out");

        assertThatThrownBy(() -> new ArtifactWriter(out).writeAll(run("r-docs")))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.FAILED))
                .hasMessageContaining("refused artifact path '../../escape.py.md'");
        assertThat(out.resolve("src/a.py.md"))
                .hasContent(dev.nightshift.sinkapi.export.SimulatedMark.generated("# a\n"));
        assertThat(dir.resolve("escape.py.md")).doesNotExist();
    }

    @Test
    void runOutAndExportToWriteTheSameFilesForTheSameRun() throws Exception {
        TestRuns.write(store, "r-tests", true);
        Path runOut = dir.resolve("run-out");
        Path exportedOverHttp = dir.resolve("export-http");
        Path exportedFromStore = dir.resolve("export-store");

        new ArtifactWriter(runOut).writeAll(run("r-tests"));
        Map<String, String> withUrl = new HashMap<>(home);
        withUrl.put("NIGHTSHIFT_SINK_URL", url);
        assertThat(export(withUrl, "r-tests", exportedOverHttp)).isZero();
        vertx.close().await(30, TimeUnit.SECONDS);
        store.close();
        vertx = null;
        assertThat(export(home, "r-tests", exportedFromStore)).isZero();

        Map<String, String> written = FileTree.of(runOut);
        assertThat(written)
                .containsOnlyKeys("src/test/java/a/ATest.java", "src/test/java/a/BTest.java")
                .containsEntry("src/test/java/a/BTest.java", MARK + TestRuns.MERGED_B);
        assertThat(FileTree.of(exportedOverHttp)).isEqualTo(written);
        assertThat(FileTree.of(exportedFromStore)).isEqualTo(written);
    }

    /** {@code nightshift export RUN --to DIR} in this process, as a user types it. */
    private static int export(Map<String, String> env, String runId, Path to) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return Nightshift.execute(new Terminal(env, discard, discard, false), "export", runId, "--to", to.toString());
    }

    private static AttemptResult doc(String jobId, String unit) {
        return new AttemptResult(
                new JobRef("r-docs", jobId, "default", "/repos/demo", "c0ffee", TaskType.DOCS, unit, "python", false),
                1,
                "gemini",
                "gemini-1.5-flash",
                "docs rule",
                Outcome.SUCCEEDED,
                null,
                null,
                Usage.of(10, 0, 0, 5),
                Money.usd("0.00001"),
                "prices-1",
                10,
                TestRuns.T0,
                TestRuns.T0,
                "stop",
                "# a\n",
                true);
    }
}
