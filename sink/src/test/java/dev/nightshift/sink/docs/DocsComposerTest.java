package dev.nightshift.sink.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.ContentKeys;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.cache.ArtifactCache;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.run.DocsTotals;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsComposerTest {
    private static final Usage USAGE = Usage.of(500, 0, 0, 200);

    @TempDir
    Path dir;

    private SinkStore store;
    private BatchApplier applier;
    private DocsComposer composer;
    private final String runId = Fixtures.newRunId();

    @BeforeEach
    void open() {
        store = SinkStore.open(dir);
        applier = new BatchApplier(store, InstantSource.fixed(Fixtures.T0.plusSeconds(60)));
        // Never sends in these tests: the producer connects only on a send.
        composer = new DocsComposer(store, "127.0.0.1:9", 60_000);
    }

    @AfterEach
    void close() {
        composer.close();
        store.close();
    }

    private Job fileJob(String path) {
        return Fixtures.fileDocsJob(runId, path);
    }

    private Job folderJob(List<Job> children) {
        return Fixtures.folderDocsJob(runId, children);
    }

    private AttemptResult documented(Job job, String document) {
        AttemptResult r = Fixtures.success(runId, job.jobId(), 1, job.unitPath(), USAGE);
        return new AttemptResult(
                new JobRef(
                        r.runId(),
                        r.jobId(),
                        r.tenant(),
                        r.repository(),
                        r.commit(),
                        r.task(),
                        r.unitPath(),
                        r.language(),
                        true),
                1,
                r.provider(),
                r.model(),
                r.routingReason(),
                r.outcome(),
                null,
                null,
                r.usage(),
                r.cost(),
                r.priceTableVersion(),
                r.latencyMs(),
                r.startedAt(),
                r.finishedAt(),
                "stop",
                document,
                true,
                null,
                new DocsReview(DocLevel.FILE, 0, List.of(), List.of(), List.of(), false, 0, document.length()));
    }

    private static String doc(String name, String purpose, String usage) {
        return "# " + name + "\n\n## Purpose\n" + purpose
                + "\n\n## Public API\n### `f()`\nDoes f.\n\n## Usage\n```python\n" + usage + "\n```\n";
    }

    @Test
    void aFolderWaitsForEveryChildThenIsComposedFromTheirPurposeAndApi() {
        Job a = fileJob("pkg/a.py");
        Job b = fileJob("pkg/b.py");
        Job folder = folderJob(List.of(a, b));
        BatchApplier.Applied registered = applier.apply(List.of(
                new Incoming.DocAwaitingChildren(folder),
                new Incoming.Event(documented(a, doc("a.py", "Reads the orders.", "f()")))));
        assertThat(registered.docsToCheck()).contains(new PendingDoc(runId, "j-folder"));
        assertThat(composer.compose(folder)).as("b has not ended").isEmpty();

        BatchApplier.Applied ended =
                applier.apply(List.of(new Incoming.Event(documented(b, doc("b.py", "Writes the invoices.", "f()")))));

        assertThat(ended.docsToCheck()).containsExactly(new PendingDoc(runId, "j-folder"));
        Optional<Job> composed = composer.compose(folder);
        assertThat(composed).hasValueSatisfying(j -> {
            assertThat(j.awaitingChildren()).isFalse();
            assertThat(j.jobId()).isEqualTo("j-folder");
            assertThat(j.content())
                    .contains(
                            "### File: pkg/a.py",
                            "Reads the orders.",
                            "### File: pkg/b.py",
                            "Writes the invoices.",
                            "test_a.py")
                    .doesNotContain("## Usage");
            assertThat(j.inputTokens()).isPositive();
        });
    }

    @Test
    void theComposedDocumentsAnswerFillsTheCacheUnderTheKeyItsResultTells() {
        Job a = fileJob("pkg/a.py");
        Job folder = folderJob(List.of(a));
        applier.apply(List.of(
                new Incoming.DocAwaitingChildren(folder),
                new Incoming.Event(documented(a, doc("a.py", "Reads the orders.", "f()")))));
        Job composed = composer.compose(folder).orElseThrow();

        BatchApplier.Applied answered =
                applier.apply(List.of(new Incoming.Event(Fixtures.success(composed, 1, USAGE))));

        assertThat(ContentKeys.of(composed)).isNotEqualTo(ContentKeys.of(folder));
        assertThat(answered.cached()).singleElement().satisfies(e -> assertThat(e.topicKey())
                .isEqualTo(ContentKeys.entry(composed)));
        assertThat(new ArtifactCache(store).lookup(composed))
                .hasValueSatisfying(hit -> assertThat(hit.jobId()).isEqualTo(folder.jobId()));
    }

    @Test
    void onlyADocumentAwaitingItsChildrenIsTakenFromTheAwaitingTopic() {
        Job a = fileJob("pkg/a.py");

        assertThatThrownBy(() -> new Incoming.DocAwaitingChildren(a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("awaits no children");
    }

    @Test
    void theComposedIdentityChangesOnlyWithTheChildrensPurposeOrApi() {
        Job a = fileJob("pkg/a.py");
        Job b = fileJob("pkg/b.py");
        Job folder = folderJob(List.of(a, b));
        applier.apply(List.of(
                new Incoming.DocAwaitingChildren(folder),
                new Incoming.Event(documented(a, doc("a.py", "Reads.", "f()"))),
                new Incoming.Event(documented(b, doc("b.py", "Writes.", "f()")))));
        String first = composer.compose(folder).orElseThrow().contentHash();

        // the same folder in another run whose child documents differ only in their usage example
        String secondRun = Fixtures.newRunId();
        Job folder2 = withRun(folder, secondRun);
        applier.apply(List.of(
                new Incoming.DocAwaitingChildren(folder2),
                new Incoming.Event(withRun(documented(a, doc("a.py", "Reads.", "f()  # again")), secondRun)),
                new Incoming.Event(withRun(documented(b, doc("b.py", "Writes.", "f()")), secondRun))));
        assertThat(composer.compose(folder2).orElseThrow().contentHash()).isEqualTo(first);

        String thirdRun = Fixtures.newRunId();
        applier.apply(List.of(
                new Incoming.DocAwaitingChildren(withRun(folder, thirdRun)),
                new Incoming.Event(withRun(documented(a, doc("a.py", "Reads and checks.", "f()")), thirdRun)),
                new Incoming.Event(withRun(documented(b, doc("b.py", "Writes.", "f()")), thirdRun))));
        assertThat(composer.compose(withRun(folder, thirdRun)).orElseThrow().contentHash())
                .isNotEqualTo(first);
    }

    @Test
    void aSummaryThatTwoDocumentsWaitForTellsBothWhenItEnds() {
        Job a = fileJob("pkg/a.py");
        Job b = fileJob("pkg/b.py");
        Job folder = folderJob(List.of(a, b));
        DocChild summary = new DocChild(folder.jobId(), folder.unitPath(), DocLevel.FOLDER);
        Job parent = new Job(
                "j-parent",
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.DOCS,
                "README",
                "text",
                "h-p",
                "1",
                "",
                300,
                4096,
                true,
                null,
                DocsTarget.composite(DocLevel.FOLDER, "README.md", List.of(summary)));
        Job architecture = new Job(
                "j-arch",
                runId,
                "default",
                "/repos/demo",
                "c0ffee",
                TaskType.DOCS,
                "ARCHITECTURE",
                "text",
                "h-a",
                "1",
                "",
                300,
                4096,
                true,
                null,
                DocsTarget.composite(DocLevel.REPOSITORY, "ARCHITECTURE.md", List.of(summary)));
        applier.apply(List.of(
                new Incoming.DocAwaitingChildren(folder),
                new Incoming.DocAwaitingChildren(parent),
                new Incoming.DocAwaitingChildren(architecture)));

        BatchApplier.Applied ended =
                applier.apply(List.of(new Incoming.Event(documented(folder, "# pkg\n\nHolds a and b.\n"))));

        assertThat(ended.docsToCheck())
                .containsExactlyInAnyOrder(new PendingDoc(runId, "j-parent"), new PendingDoc(runId, "j-arch"));
        assertThat(composer.compose(parent))
                .hasValueSatisfying(j -> assertThat(j.content()).contains("Holds a and b."));
        assertThat(composer.compose(architecture)).isPresent();
    }

    @Test
    void aFailedChildIsNamedAndDoesNotBlockItsFolder() {
        Job a = fileJob("pkg/a.py");
        Job b = fileJob("pkg/b.py");
        Job folder = folderJob(List.of(a, b));
        applier.apply(List.of(
                new Incoming.DocAwaitingChildren(folder),
                new Incoming.Event(documented(a, doc("a.py", "Reads.", "f()"))),
                new Incoming.Event(Fixtures.billedFailure(runId, b.jobId(), 1, b.unitPath(), USAGE, true))));

        assertThat(composer.compose(folder)).hasValueSatisfying(j -> assertThat(j.content())
                .contains("### File: pkg/b.py", "(no document: its job did not succeed)"));
    }

    @Test
    void reviewedDocumentsAddUpInTheRunStatus() {
        Job a = fileJob("pkg/a.py");
        AttemptResult rejected = documented(a, "# a.py\n`Cart.frobnicate()`\n");
        rejected = new AttemptResult(
                new JobRef(
                        rejected.runId(),
                        rejected.jobId(),
                        rejected.tenant(),
                        rejected.repository(),
                        rejected.commit(),
                        rejected.task(),
                        rejected.unitPath(),
                        rejected.language(),
                        true),
                1,
                rejected.provider(),
                rejected.model(),
                rejected.routingReason(),
                dev.nightshift.core.event.Outcome.FAILED,
                dev.nightshift.core.event.FailureClass.DOCS_REJECTED,
                "review: unknown names",
                rejected.usage(),
                rejected.cost(),
                rejected.priceTableVersion(),
                10,
                rejected.startedAt(),
                rejected.finishedAt(),
                "stop",
                rejected.artifact(),
                false,
                null,
                new DocsReview(DocLevel.FILE, 1, List.of(), List.of("Cart.frobnicate()"), List.of(), false, 1, 20));
        AttemptResult repaired = documented(a, doc("a.py", "Reads.", "f()"));
        repaired = new AttemptResult(
                new JobRef(
                        repaired.runId(),
                        repaired.jobId(),
                        repaired.tenant(),
                        repaired.repository(),
                        repaired.commit(),
                        repaired.task(),
                        repaired.unitPath(),
                        repaired.language(),
                        true),
                2,
                repaired.provider(),
                repaired.model(),
                repaired.routingReason(),
                repaired.outcome(),
                null,
                null,
                repaired.usage(),
                repaired.cost(),
                repaired.priceTableVersion(),
                10,
                repaired.startedAt(),
                repaired.finishedAt(),
                "stop",
                repaired.artifact(),
                true,
                null,
                repaired.docsReview());
        applier.apply(List.of(
                new Incoming.Plan(Fixtures.plan(runId, "default", List.of(a.jobId()))),
                new Incoming.Event(rejected),
                new Incoming.Event(repaired)));

        DocsTotals totals = new SinkQueries(store, InstantSource.fixed(Fixtures.T0))
                .status(runId, null)
                .docs();
        assertThat(totals).isEqualTo(new DocsTotals(1, 0, 0, 1, 0, 0, 0, 1, 1));
    }

    private static Job withRun(Job j, String run) {
        return new Job(
                j.jobId(),
                run,
                j.tenant(),
                j.repository(),
                j.commit(),
                j.task(),
                j.unitPath(),
                j.language(),
                j.contentHash(),
                j.promptVersion(),
                j.content(),
                j.inputTokens(),
                j.maxOutputTokens(),
                j.simulated(),
                j.testTarget(),
                j.docs());
    }

    private static AttemptResult withRun(AttemptResult r, String run) {
        return new AttemptResult(
                new JobRef(
                        run,
                        r.jobId(),
                        r.tenant(),
                        r.repository(),
                        r.commit(),
                        r.task(),
                        r.unitPath(),
                        r.language(),
                        r.simulated()),
                r.attempt(),
                r.provider(),
                r.model(),
                r.routingReason(),
                r.outcome(),
                r.failureClass(),
                r.failureReason(),
                r.usage(),
                r.cost(),
                r.priceTableVersion(),
                r.latencyMs(),
                r.startedAt(),
                r.finishedAt(),
                r.finishReason(),
                r.artifact(),
                r.terminal(),
                r.validation(),
                r.docsReview());
    }
}
