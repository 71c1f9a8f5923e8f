package dev.nightshift.bench.ledger;

import dev.nightshift.sink.cost.CostQueries;
import dev.nightshift.sinkapi.aggregate.Dimension;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.cost.CostReport;

/** Times cost questions as the API would ask them, after a warm-up, one at a time. */
final class CostQueryLatency {
    private final CostQueries queries;

    CostQueryLatency(CostQueries queries) {
        this.queries = queries;
    }

    /** Grouped over everything, as {@code GET /cost?by=…} with no filter asks (kept aggregates answer). */
    static CostQuery overEverything(Dimension by) {
        return new CostQuery(by, null, null, null, null, null, null, null, null);
    }

    /** Grouped within one run and narrowed by task, which the sink answers by scanning that run's ledger. */
    static CostQuery scanOfOneRun(Dimension by, String run) {
        return new CostQuery(by, run, null, null, null, "docs", null, null, null);
    }

    /** Nanoseconds of each of {@code measured} answers, after {@code warmUp} unmeasured ones. */
    long[] nanos(CostQuery query, int warmUp, int measured) {
        for (int i = 0; i < warmUp; i++) {
            answer(query);
        }
        long[] ns = new long[measured];
        for (int i = 0; i < measured; i++) {
            long t = System.nanoTime();
            answer(query);
            ns[i] = System.nanoTime() - t;
        }
        return ns;
    }

    private void answer(CostQuery query) {
        CostReport report = queries.answer(query, null);
        if (report.groups().isEmpty()) {
            throw new IllegalStateException(
                    "cost query by " + query.by() + " found no entries; the ledger was not written");
        }
    }
}
