package dev.nightshift.sink.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.ValidatedRun;
import dev.nightshift.sink.api.BearerAuth;
import dev.nightshift.sink.api.QueryApi;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.cache.ArtifactCache;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.export.ExportOptions;
import dev.nightshift.sinkapi.export.ExportReport;
import dev.nightshift.sinkapi.export.FolderExport;
import dev.nightshift.sinkapi.export.HttpArtifactSource;
import dev.nightshift.sinkapi.export.PatchExport;
import dev.nightshift.testkit.FileTree;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports of a validated test run ({@link ValidatedRun}) from a real store, and from the same store over the
 * sink's HTTP API: passing tests only by default, the two parts of B merged into BTest.java, and with
 * {@code --all} the rejected tests apart with their diagnostics.
 */
class TestExportIT {
    private static final String MERGED_B = """
            package a;

            import org.junit.jupiter.api.Test;
            import static org.junit.jupiter.api.Assertions.assertTrue;

            class BTest {
                @Test
                void counts() {
                }

                @Test
                void countsPart2() {
                    assertTrue(true);
                }

                @Test
                void resets() {
                }
            }
            """;

    @TempDir
    Path tmp;

    private SinkStore store;
    private SinkQueries queries;
    private final String run = Fixtures.newRunId();

    @BeforeEach
    void setUp() {
        store = SinkStore.open(tmp.resolve("store"));
        queries = new SinkQueries(store, InstantSource.system());
        BatchApplier applier = new BatchApplier(store, InstantSource.system());
        for (Incoming in : ValidatedRun.records(run)) {
            applier.apply(List.of(in));
        }
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void byDefaultOnlyPassingTestsAreWrittenOneFilePerClass() throws IOException {
        Path out = tmp.resolve("out");

        ExportReport report = FolderExport.export(new StoreArtifactSource(queries, run, null), out);

        assertThat(report.written()).containsExactly("src/test/java/a/ATest.java", "src/test/java/a/BTest.java");
        assertThat(FileTree.of(out)).containsOnlyKeys("src/test/java/a/ATest.java", "src/test/java/a/BTest.java");
        assertThat(Files.readString(out.resolve("src/test/java/a/ATest.java"))).isEqualTo(ValidatedRun.A_TEST);
        assertThat(Files.readString(out.resolve("src/test/java/a/BTest.java"))).isEqualTo(MERGED_B);
        assertThat(report.refused()).isEmpty();
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void withAllTheRejectedTestsGoApartWithTheirVerdictsAndDiagnostics() throws IOException {
        Path out = tmp.resolve("out");

        ExportReport report =
                FolderExport.export(new StoreArtifactSource(queries, run, null), out, ExportOptions.withRejected(true));

        assertThat(report.written())
                .containsExactly(
                        "nightshift-rejected/src/test/java/a/ATest.java",
                                "nightshift-rejected/src/test/java/a/ATest.java.diagnostics.txt",
                        "nightshift-rejected/src/test/java/a/BTest.java",
                                "nightshift-rejected/src/test/java/a/BTest.java.diagnostics.txt",
                        "nightshift-rejected/tests/test_c.py", "nightshift-rejected/tests/test_c.py.diagnostics.txt",
                        "src/test/java/a/ATest.java", "src/test/java/a/BTest.java");
        Map<String, String> files = FileTree.of(out);
        assertThat(files.get("nightshift-rejected/src/test/java/a/ATest.java")).isEqualTo(ValidatedRun.A_BROKEN);
        assertThat(files.get("nightshift-rejected/src/test/java/a/ATest.java.diagnostics.txt"))
                .startsWith("nightshift: test rejected by the validator (build-failed)\n")
                .contains(
                        "run: " + run + "\n",
                        "job: j1\n",
                        "test: src/test/java/a/ATest.java\n",
                        "attempt 1 by deepseek/deepseek-chat: build-failed\nATest.java:4: error: illegal start of type\n1 error\n");
        assertThat(files.get("nightshift-rejected/src/test/java/a/BTest.java.diagnostics.txt"))
                .as("latest first: the flaky attempt, whose test is the one written, then the failed one")
                .containsSubsequence(
                        "attempt 2 by deepseek/deepseek-chat: flaky\ncounts passed 2 of 3 runs",
                        "attempt 1 by deepseek/deepseek-chat: failed\ncounts: expected 2 but was 3");
        assertThat(files.get("nightshift-rejected/tests/test_c.py")).contains("while True");
        assertThat(files.get("nightshift-rejected/tests/test_c.py.diagnostics.txt"))
                .containsSubsequence(
                        "attempt 3 by deepseek/deepseek-chat: timeout\ntest_c ran past 60 s\nkilled",
                        "attempt 1 by deepseek/deepseek-chat: infrastructure\npytest is not installed");
        assertThat(files.get("src/test/java/a/BTest.java")).isEqualTo(MERGED_B);
    }

    @Test
    void overTheSinksHttpApiTheExportIsTheSame() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(new QueryApi(
                                    vertx,
                                    queries,
                                    new EvaluationQueries(store),
                                    new ArtifactCache(store),
                                    BearerAuth.open(),
                                    () -> true)
                            .router())
                    .listen(0, "127.0.0.1")
                    .await(30, TimeUnit.SECONDS);
            ArtifactSource http = new HttpArtifactSource("http://127.0.0.1:" + server.actualPort(), null, run);

            FolderExport.export(http, tmp.resolve("http"), ExportOptions.withRejected(true));
            FolderExport.export(
                    new StoreArtifactSource(queries, run, null),
                    tmp.resolve("from-store"),
                    ExportOptions.withRejected(true));

            assertThat(FileTree.of(tmp.resolve("http")))
                    .isEqualTo(FileTree.of(tmp.resolve("from-store")))
                    .hasSize(8);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPatchAndABranchCarryTheSameFiles() throws Exception {
        Path patch = tmp.resolve("run.patch");

        ExportReport report = PatchExport.export(new StoreArtifactSource(queries, run, null), null, patch);

        assertThat(report.written()).containsExactly("src/test/java/a/ATest.java", "src/test/java/a/BTest.java");
        assertThat(Files.readString(patch))
                .contains("+++ b/src/test/java/a/BTest.java")
                .contains("+    void countsPart2() {")
                .doesNotContain("nightshift-rejected");
    }

    @Test
    void partsThatCannotBeMergedAreWrittenApartWithANote() throws IOException {
        String other = Fixtures.newRunId();
        BatchApplier applier = new BatchApplier(store, InstantSource.system());
        applier.apply(List.of(new Incoming.Plan(ValidatedRun.plan(other))));
        applier.apply(List.of(
                new Incoming.Event(ValidatedRun.attempt(
                                other,
                                "j2",
                                1,
                                "src/main/java/a/B.java#L1-50",
                                "java",
                                ValidatedRun.DEEPSEEK,
                                "0.1",
                                ValidatedRun.B1_TEST)
                        .judged(passed(ValidatedRun.B1_TEST), true, true)),
                new Incoming.Event(ValidatedRun.attempt(
                                other,
                                "j3",
                                1,
                                "src/main/java/a/B.java#L51-100",
                                "java",
                                ValidatedRun.DEEPSEEK,
                                "0.1",
                                "class BPart2Test { void broken( }")
                        .judged(passed("class BPart2Test { void broken( }"), true, true))));

        ExportReport report = FolderExport.export(new StoreArtifactSource(queries, other, null), tmp.resolve("apart"));

        assertThat(report.written()).containsExactly("src/test/java/a/BPart2Test.java", "src/test/java/a/BTest.java");
        assertThat(report.notes())
                .singleElement()
                .asString()
                .contains("src/test/java/a/BTest.java")
                .contains("written as separate files")
                .contains("does not parse as Java");
    }

    private static dev.nightshift.core.validation.Validation passed(String test) {
        return new dev.nightshift.core.validation.Validation(
                dev.nightshift.core.validation.Verdict.PASSED,
                "",
                new dev.nightshift.core.validation.Coverage(10, 1, 5, 0, 0, 0),
                test,
                1,
                1,
                3,
                100);
    }
}
