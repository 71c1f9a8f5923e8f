package dev.nightshift.router.learning;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routing.CellKey;
import dev.nightshift.core.routing.Observation;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.routing.SizeBucket;
import java.time.Instant;

/** Routing statistics cells as the sink would have folded them, for the router's tests. */
public final class Cells {
    public static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");

    private Cells() {}

    /** A small test-job cell of {@code language}: the given tries and passes, all at {@link #T0}, each costing {@code usd}. */
    public static RoutingCell tests(
            String model,
            String language,
            int firstTries,
            int firstPasses,
            int repairTries,
            int repairPasses,
            double usd) {
        CellKey key = CellKey.of(TaskType.TESTS, language, SizeBucket.SMALL, ModelRef.parse(model));
        RoutingCell cell = RoutingCell.empty(key, RoutingCell.DEFAULT_HALF_LIFE);
        for (int i = 0; i < firstTries; i++) {
            cell = cell.plus(new Observation(key, T0, i < firstPasses, false, usd, 1_000));
        }
        for (int i = 0; i < repairTries; i++) {
            cell = cell.plus(new Observation(key, T0, i < repairPasses, true, usd, 1_000));
        }
        return cell;
    }
}
