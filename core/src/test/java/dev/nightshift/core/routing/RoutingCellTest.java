package dev.nightshift.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cell's arithmetic: decay by the observations' own timestamps, the prior, first tries kept apart from repairs. */
class RoutingCellTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration HALF_LIFE = Duration.ofDays(14);
    private static final CellKey CELL =
            CellKey.of(TaskType.TESTS, "python", SizeBucket.SMALL, ModelRef.parse("deepseek/deepseek-chat"));

    private static Observation first(Instant at, boolean passed) {
        return new Observation(CELL, at, passed, false, 0.001, 2_000);
    }

    private static Observation repair(Instant at, boolean passed) {
        return new Observation(CELL, at, passed, true, 0.002, 3_000);
    }

    private static RoutingCell fold(List<Observation> observations) {
        RoutingCell cell = RoutingCell.empty(CELL, HALF_LIFE);
        for (Observation o : observations) {
            cell = cell.plus(o);
        }
        return cell;
    }

    @Test
    void anObservationOneHalfLifeOlderThanTheNewestWeighsHalf() {
        RoutingCell cell = fold(List.of(first(T0, true), first(T0.plus(HALF_LIFE), false)));

        assertThat(cell.asOf()).isEqualTo(T0.plus(HALF_LIFE));
        assertThat(cell.first().tries()).isCloseTo(1.5, within(1e-12));
        assertThat(cell.first().passes()).isCloseTo(0.5, within(1e-12));
        assertThat(cell.observations()).isEqualTo(2);
    }

    @Test
    void theOrderObservationsArriveInDoesNotChangeTheFigures() {
        Random random = new Random(7);
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant at = T0.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 90)));
            observations.add(random.nextBoolean() ? first(at, random.nextBoolean()) : repair(at, random.nextBoolean()));
        }
        RoutingCell inOrder = fold(
                observations.stream().sorted((a, b) -> a.at().compareTo(b.at())).toList());
        List<Observation> shuffled = new ArrayList<>(observations);
        Collections.shuffle(shuffled, new Random(11));
        RoutingCell outOfOrder = fold(shuffled);

        assertThat(outOfOrder.asOf()).isEqualTo(inOrder.asOf());
        assertThat(outOfOrder.first().tries()).isCloseTo(inOrder.first().tries(), within(1e-9));
        assertThat(outOfOrder.first().passes()).isCloseTo(inOrder.first().passes(), within(1e-9));
        assertThat(outOfOrder.repair().costUsd()).isCloseTo(inOrder.repair().costUsd(), within(1e-12));
        assertThat(fold(shuffled)).isEqualTo(outOfOrder);
    }

    @Test
    void anEmptyCellHasThePriorsFiniteRateAndTheEvidenceMovesItAway() {
        PassPrior prior = new PassPrior(0.5, 2);
        RoutingCell empty = RoutingCell.empty(CELL, HALF_LIFE);

        assertThat(empty.first().passRate(prior)).isEqualTo(0.5);
        assertThat(empty.evidence()).isZero();

        List<Observation> tenFailures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tenFailures.add(first(T0, false));
        }
        RoutingCell poor = fold(tenFailures);
        // (0 + 0.5 × 2) / (10 + 2)
        assertThat(poor.first().passRate(prior)).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(poor.first().passRate(new PassPrior(0.5, 0))).isZero();
    }

    @Test
    void repairTriesAreCountedApartFromFirstTries() {
        RoutingCell cell =
                fold(List.of(first(T0, false), repair(T0, true), first(T0, true), repair(T0, false), repair(T0, true)));

        assertThat(cell.first().tries()).isEqualTo(2);
        assertThat(cell.first().passes()).isEqualTo(1);
        assertThat(cell.first().meanCostUsd()).isCloseTo(0.001, within(1e-15));
        assertThat(cell.repair().tries()).isEqualTo(3);
        assertThat(cell.repair().passes()).isEqualTo(2);
        assertThat(cell.repair().meanCostUsd()).isCloseTo(0.002, within(1e-15));
        assertThat(cell.repair().meanLatencyMs()).isCloseTo(3_000, within(1e-9));
        assertThat(cell.evidence()).isEqualTo(5);
    }

    @Test
    void agingChangesTheWeightOfTheEvidenceButNotItsRates() {
        RoutingCell cell = fold(List.of(first(T0, true), first(T0, false), first(T0, false), repair(T0, true)));
        RoutingCell aged = cell.agedTo(T0.plus(HALF_LIFE.multipliedBy(2)), HALF_LIFE);

        assertThat(aged.evidence()).isCloseTo(cell.evidence() / 4, within(1e-12));
        assertThat(aged.first().passRate(new PassPrior(0.5, 0))).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(aged.first().meanCostUsd()).isCloseTo(0.001, within(1e-15));
        assertThat(cell.agedTo(T0.minusSeconds(5), HALF_LIFE)).isEqualTo(cell);
    }

    @Test
    void theCellSurvivesItsJsonCodecExactly() {
        RoutingCell cell =
                fold(List.of(first(T0, true), repair(T0.plusSeconds(3_601), false), first(T0.plusSeconds(77), false)));

        byte[] bytes = RoutingCell.CODEC.encode(cell);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .startsWith("{\"v\":1,\"cell\":\"tests/python/small/deepseek/deepseek-chat\"")
                .doesNotContain("evidence")
                .doesNotContain("meanCostUsd");
        assertThat(RoutingCell.CODEC.decode(bytes)).isEqualTo(cell);
    }

    @Test
    void aCellIdReadsBackAndAModelIdMayHoldASlash() {
        CellKey key = CellKey.of(
                TaskType.DOCS, "TypeScript", SizeBucket.LARGE, ModelRef.parse("openrouter/meta-llama/llama-3"));

        assertThat(key.id()).isEqualTo("docs/typescript/large/openrouter/meta-llama/llama-3");
        assertThat(CellKey.parse(key.id())).isEqualTo(key);
        assertThat(CellGroup.of(TaskType.TESTS, null, 2_001).id()).isEqualTo("tests/unknown/medium");
        assertThatThrownBy(() -> CellKey.parse("tests/python/huge/deepseek/deepseek-chat"))
                .hasMessageContaining("unknown size bucket 'huge'");
    }

    @Test
    void anObservationOfAnotherCellIsRefused() {
        CellKey other = CellKey.of(TaskType.TESTS, "java", SizeBucket.SMALL, ModelRef.parse("deepseek/deepseek-chat"));

        assertThatThrownBy(() -> RoutingCell.empty(CELL, HALF_LIFE).plus(new Observation(other, T0, true, false, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
