package dev.nightshift.sink.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routing.CellKey;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.routing.SizeBucket;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.ValidatedRun;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import dev.nightshift.sink.store.SinkStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Judged attempts through the real applier into a real store: each counts once in its cell, in the batch that writes
 * its ledger entry, repairs apart from first tries, and redelivery changes nothing.
 */
class RoutingStatsFoldTest {
    private static final CellKey DEEPSEEK_JAVA =
            CellKey.of(TaskType.TESTS, "java", SizeBucket.SMALL, ModelRef.parse(ValidatedRun.DEEPSEEK));
    private static final CellKey QWEN_JAVA =
            CellKey.of(TaskType.TESTS, "java", SizeBucket.SMALL, ModelRef.parse(ValidatedRun.QWEN));
    private static final CellKey DEEPSEEK_PYTHON =
            CellKey.of(TaskType.TESTS, "python", SizeBucket.SMALL, ModelRef.parse(ValidatedRun.DEEPSEEK));

    @TempDir
    Path dir;

    private static BatchApplier applier(SinkStore store) {
        return new BatchApplier(store, InstantSource.fixed(Fixtures.T0.plusSeconds(60)));
    }

    private static Map<CellKey, RoutingCell> cells(SinkStore store) {
        return StoredRoutingCells.all(store).stream().collect(Collectors.toMap(RoutingCell::cell, Function.identity()));
    }

    @Test
    void eachJudgedAttemptCountsOnceAsAFirstTryOrARepairOfItsModel() {
        try (SinkStore store = SinkStore.open(dir)) {
            ValidatedRun.records(Fixtures.newRunId())
                    .forEach(r -> applier(store).apply(List.of(r)));

            Map<CellKey, RoutingCell> cells = cells(store);

            assertThat(cells).containsOnlyKeys(DEEPSEEK_JAVA, QWEN_JAVA, DEEPSEEK_PYTHON);
            // j1: build-failed, then its repair passes; j2: failed, its repair flaky; j3: delivered without new
            // coverage
            RoutingCell deepseek = cells.get(DEEPSEEK_JAVA);
            assertThat(deepseek.first().tries()).isEqualTo(3);
            assertThat(deepseek.first().passes()).isEqualTo(1);
            assertThat(deepseek.first().meanCostUsd()).isCloseTo(0.0002, within(1e-15));
            assertThat(deepseek.repair().tries()).isEqualTo(2);
            assertThat(deepseek.repair().passes()).isEqualTo(1);
            assertThat(deepseek.observations()).isEqualTo(5);
            // j2's escalation: Qwen's first try on the job, whatever DeepSeek did before
            assertThat(cells.get(QWEN_JAVA).first().passes()).isEqualTo(1);
            assertThat(cells.get(QWEN_JAVA).repair().tries()).isZero();
            // j4: the validator's own failure is no observation, so the unusable reply after it is a first try and the
            // timed-out test after that a repair
            RoutingCell python = cells.get(DEEPSEEK_PYTHON);
            assertThat(python.first().tries()).isCloseTo(1, within(1e-6));
            assertThat(python.first().passes()).isZero();
            assertThat(python.repair().tries()).isEqualTo(1);
            assertThat(python.observations()).isEqualTo(2);
        }
    }

    @Test
    void aWholeRunInOneBatchCountsAsTheSameRecordsOneByOne() {
        Map<CellKey, RoutingCell> oneByOne;
        try (SinkStore store = SinkStore.open(dir.resolve("one-by-one"))) {
            ValidatedRun.records(Fixtures.newRunId())
                    .forEach(r -> applier(store).apply(List.of(r)));
            oneByOne = cells(store);
        }
        try (SinkStore store = SinkStore.open(dir.resolve("one-batch"))) {
            BatchApplier.Applied applied = applier(store).apply(ValidatedRun.records(Fixtures.newRunId()));

            assertThat(cells(store)).isEqualTo(oneByOne);
            assertThat(applied.routingCells()).containsExactlyInAnyOrderElementsOf(oneByOne.values());
        }
    }

    @Test
    void redeliveredAttemptsChangeNoCellAndTheCellsOutliveTheStore() {
        String run = Fixtures.newRunId();
        Map<CellKey, RoutingCell> once;
        try (SinkStore store = SinkStore.open(dir)) {
            BatchApplier applier = applier(store);
            applier.apply(ValidatedRun.records(run));
            once = cells(store);

            // the whole batch again, then each result alone (a crash before the offsets were committed, twice)
            BatchApplier.Applied again = applier.apply(ValidatedRun.records(run));
            List<Incoming> results = ValidatedRun.results(run);
            results.forEach(r -> applier.apply(List.of(r)));

            assertThat(again.routingCells()).isEmpty();
            assertThat(again.applied()).isZero();
            assertThat(cells(store)).isEqualTo(once);
        }
        try (SinkStore reopened = SinkStore.open(dir)) {
            assertThat(cells(reopened)).isEqualTo(once);
            assertThat(StoredRoutingCells.get(reopened, DEEPSEEK_JAVA)).contains(once.get(DEEPSEEK_JAVA));
            // a sink reopened before it could publish sends exactly the changed cells
            assertThat(StoredRoutingCells.unpublished(reopened)).containsExactlyInAnyOrderElementsOf(once.values());
        }
    }

    @Test
    void aNewBatchFoldsIntoTheStoredCell() {
        try (SinkStore store = SinkStore.open(dir)) {
            BatchApplier applier = applier(store);
            applier.apply(ValidatedRun.records(Fixtures.newRunId()));
            RoutingCell first = StoredRoutingCells.get(store, QWEN_JAVA).orElseThrow();

            BatchApplier.Applied second = applier.apply(ValidatedRun.records(Fixtures.newRunId()));

            RoutingCell both = StoredRoutingCells.get(store, QWEN_JAVA).orElseThrow();
            assertThat(both.first().tries()).isEqualTo(2 * first.first().tries());
            assertThat(both.observations()).isEqualTo(2);
            assertThat(second.routingCells()).contains(both);
        }
    }
}
