package dev.nightshift.sink.cache;

import static dev.nightshift.sink.Fixtures.newRunId;
import static dev.nightshift.sink.Fixtures.plan;
import static dev.nightshift.sink.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.event.ServedFromCache;
import dev.nightshift.core.job.ContentKeys;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sinkapi.query.RunStatus;
import dev.nightshift.sinkapi.run.RunState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCacheTest {
    private static final String REPO = "/repos/demo";

    @TempDir
    Path dir;

    private SinkStore store;
    private BatchApplier applier;
    private SinkQueries queries;
    private ArtifactCache cache;

    @BeforeEach
    void open() {
        store = SinkStore.open(dir);
        applier = new BatchApplier(store, InstantSource.system());
        queries = new SinkQueries(store, InstantSource.system());
        cache = new ArtifactCache(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSucceededJobFillsTheCacheFromItsResultAlone() {
        String run = newRunId();
        Job a = job(run, "commit-1", "a.py", "print(1)");
        Job b = job(run, "commit-1", "b.py", "print(2)");

        applier.apply(List.of(
                new Incoming.Event(success(a, 1, Usage.of(10, 0, 0, 5))),
                new Incoming.Event(success(b, 1, Usage.of(10, 0, 0, 5)))));

        assertThat(cache.lookup(a))
                .hasValueSatisfying(hit -> assertThat(hit.runId()).isEqualTo(run));
        assertThat(cache.lookup(b))
                .hasValueSatisfying(hit -> assertThat(hit.jobId()).isEqualTo(b.jobId()));
        assertThat(cache.text(ContentKeys.of(b), true))
                .hasValueSatisfying(t -> assertThat(t).contains("b.py"));
        assertThat(queries.artifact(run, a.jobId(), null).contentKey()).isEqualTo(ContentKeys.of(a));
    }

    @Test
    void aResultThatDoesNotTellItsContentKeyFillsNoCache() {
        String run = newRunId();
        Job a = job(run, "commit-1", "a.py", "print(1)");

        applier.apply(List.of(new Incoming.Event(success(run, a.jobId(), 1, "a.py", Usage.of(10, 0, 0, 5)))));

        assertThat(queries.artifactText(run, a.jobId(), null)).contains("a.py");
        assertThat(cache.lookup(a)).isEmpty();
    }

    @Test
    void aRunOnANewCommitIsServedFromCacheForUnchangedFilesOnly() {
        String first = newRunId();
        Job a1 = job(first, "commit-1", "a.py", "print(1)");
        Job b1 = job(first, "commit-1", "b.py", "print(2)");
        applier.apply(List.of(
                new Incoming.Plan(plan(first, "default", List.of(a1.jobId(), b1.jobId()))),
                new Incoming.Event(success(a1, 1, Usage.of(10, 0, 0, 5))),
                new Incoming.Event(success(b1, 1, Usage.of(10, 0, 0, 5)))));

        String second = newRunId();
        Job a2 = job(second, "commit-2", "a.py", "print(1)");
        Job b2 = job(second, "commit-2", "b.py", "print('changed')");
        applier.apply(List.of(new Incoming.Plan(plan(second, "default", List.of(a2.jobId(), b2.jobId())))));

        assertThat(a2.jobId()).as("the job id includes the commit").isNotEqualTo(a1.jobId());
        assertThat(cache.lookup(a2)).as("unchanged file").isPresent();
        assertThat(cache.lookup(b2)).as("changed file").isEmpty();

        applier.apply(List.of(
                new Incoming.Event(servedFromCache(a2)), new Incoming.Event(success(b2, 1, Usage.of(10, 0, 0, 5)))));

        RunStatus status = queries.status(second, null);
        assertThat(status.state()).isEqualTo(RunState.COMPLETED);
        assertThat(status.servedFromCache()).isEqualTo(1);
        assertThat(status.cost().usd()).isEqualTo(Fixtures.FLASH.cost(Usage.of(10, 0, 0, 5)));
        assertThat(queries.artifactText(second, a2.jobId(), null))
                .isEqualTo(queries.artifactText(first, a1.jobId(), null));
        assertThat(queries.artifact(second, a2.jobId(), null).fromCache()).isTrue();
        assertThat(queries.artifact(second, a2.jobId(), null).cost()).isEqualTo(Money.ZERO);
    }

    @Test
    void aSimulatedArtifactIsNeverServedToARealRunNorToAnotherTenant() {
        String run = newRunId();
        Job a = job(run, "commit-1", "a.py", "print(1)");
        applier.apply(List.of(new Incoming.Event(success(a, 1, Usage.of(10, 0, 0, 5)))));

        String key = ContentKeys.of(a);
        assertThat(cache.lookup(key, true)).isPresent();
        assertThat(cache.lookup(key, false)).isEmpty();
        assertThat(cache.lookup("globex", TaskType.DOCS, "a.py", a.contentHash(), a.promptVersion(), true))
                .isEmpty();
    }

    private static Job job(String run, String commit, String unit, String content) {
        String hash = JobIds.contentHash(content);
        return new Job(
                JobIds.jobId(REPO, commit, TaskType.DOCS, unit, hash, "p1"),
                run,
                "default",
                REPO,
                commit,
                TaskType.DOCS,
                unit,
                "python",
                hash,
                "p1",
                content,
                10,
                100,
                true);
    }

    private static ServedFromCache servedFromCache(Job j) {
        return new ServedFromCache(JobRef.of(j), Instant.parse("2026-11-30T00:00:00Z"), null, null);
    }
}
