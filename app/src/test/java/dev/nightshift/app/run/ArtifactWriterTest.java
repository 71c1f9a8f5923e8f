package dev.nightshift.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.app.TestRuns;
import dev.nightshift.app.cli.UserError;
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
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --out} against a real store served by the sink's query API, as a local run reads it. */
class ArtifactWriterTest {
    private static final String MARK = "// nightshift dry run: written by the simulator, not by a model\n";

    @TempDir
    Path dir;

    private SinkStore store;
    private Vertx vertx;
    private SinkClient sink;

    @BeforeEach
    void serve() throws Exception {
        store = SinkStore.open(dir.resolve("store"));
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
        sink = new SinkClient("http://127.0.0.1:" + server.actualPort(), null);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
        store.close();
    }

    @Test
    void aDryRunsPassingTestsAreWrittenMarkedWithTheSplitClassMergedAndNoRejectedTest() throws Exception {
        TestRuns.write(store, "r-tests", true);
        Path out = dir.resolve("out");

        int written = new ArtifactWriter(out).writeAll(sink, "r-tests");

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

        assertThatThrownBy(() -> new ArtifactWriter(out).writeAll(sink, "r-docs"))
                .isInstanceOfSatisfying(
                        UserError.class, e -> assertThat(e.exitCode()).isEqualTo(UserError.FAILED))
                .hasMessageContaining("refused artifact path '../../escape.py.md'");
        assertThat(out.resolve("src/a.py.md"))
                .hasContent(dev.nightshift.sinkapi.export.SimulatedMark.generated("# a\n"));
        assertThat(dir.resolve("escape.py.md")).doesNotExist();
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
