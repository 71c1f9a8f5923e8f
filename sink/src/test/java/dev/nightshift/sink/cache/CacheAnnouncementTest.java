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
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.store.SinkStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a batch tells the consumer to announce on {@code nightshift.cache}, and what a job served from it gets. */
class CacheAnnouncementTest {
    private static final String REPO = "/repos/announce";

    @TempDir
    Path dir;

    private SinkStore store;
    private BatchApplier applier;
    private SinkQueries queries;

    @BeforeEach
    void open() {
        store = SinkStore.open(dir);
        applier = new BatchApplier(store, InstantSource.system());
        queries = new SinkQueries(store, InstantSource.system());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aBatchThatCachesAFreshArtifactReportsItUnderTheContentKeyTheRouterComputes() {
        String run = newRunId();
        Job a = job(run, "c1", "a.py", "print(1)");

        BatchApplier.Applied applied = applier.apply(List.of(new Incoming.Event(success(a, 1, Usage.of(10, 0, 0, 5)))));

        assertThat(applied.cached()).singleElement().satisfies(e -> {
            assertThat(e.topicKey()).isEqualTo(ContentKeys.entry(a));
            assertThat(e.runId()).isEqualTo(run);
            assertThat(e.jobId()).isEqualTo(a.jobId());
        });
        assertThat(new String(CachePublisher.value(applied.cached().get(0), store.id()), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"runId\":\"" + run + "\",\"jobId\":\"" + a.jobId() + "\",\"store\":\"" + store.id() + "\"}");
        assertThat(store.id()).as("kept in the store").isEqualTo(store.id()).hasSize(36);
    }

    @Test
    void aFreshArtifactIsReportedOnceAndAnArtifactServedFromTheCacheNever() {
        String first = newRunId();
        Job a1 = job(first, "c1", "a.py", "print(1)");
        assertThat(applier.apply(List.of(new Incoming.Event(success(a1, 1, Usage.of(10, 0, 0, 5)))))
                        .cached())
                .hasSize(1);
        assertThat(applier.apply(List.of(new Incoming.Event(success(a1, 1, Usage.of(10, 0, 0, 5)))))
                        .cached())
                .as("the result redelivered")
                .isEmpty();

        String second = newRunId();
        Job a2 = job(second, "c2", "a.py", "print(1)");
        BatchApplier.Applied again = applier.apply(List.of(new Incoming.Event(servedFromCache(a2))));

        assertThat(again.cached()).isEmpty();
    }

    @Test
    void aJobServedFromTheCacheGetsTheCachedTextUnderTheContentKeyItsEventTells() {
        String first = newRunId();
        Job a1 = job(first, "c1", "a.py", "print(1)");
        applier.apply(List.of(new Incoming.Event(success(a1, 1, Usage.of(10, 0, 0, 5)))));

        // Given a run on another commit whose job the router serves from the cache; the sink never sees the job
        String second = newRunId();
        Job a2 = job(second, "c2", "a.py", "print(1)");
        applier.apply(List.of(
                new Incoming.Plan(plan(second, "default", List.of(a2.jobId()))),
                new Incoming.Event(servedFromCache(a2))));

        // Then the run has the artifact, copied from the cache, at no cost
        assertThat(queries.artifactText(second, a2.jobId(), null))
                .isEqualTo(queries.artifactText(first, a1.jobId(), null));
        assertThat(queries.artifact(second, a2.jobId(), null).fromCache()).isTrue();
        assertThat(queries.artifact(second, a2.jobId(), null).cost()).isEqualTo(Money.ZERO);
        assertThat(queries.artifact(second, a2.jobId(), null).contentKey()).isEqualTo(ContentKeys.of(a2));
        assertThat(queries.status(second, null).servedFromCache()).isEqualTo(1);
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
