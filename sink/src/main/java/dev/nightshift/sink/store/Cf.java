package dev.nightshift.sink.store;

import java.nio.charset.StandardCharsets;

/** The column families of the sink's RocksDB store; one per kind of state so each can be scanned alone. */
public enum Cf {
    /** runId → {@code RunRecord}: the plan, job counts by state, timestamps. */
    RUNS("runs"),
    /** runId, jobId → {@code JobRecord}: a job's current state in its run. */
    JOBS("jobs"),
    /** runId, jobId, attempt → {@code LedgerEntry}: one per attempt, written once. */
    LEDGER("ledger"),
    /** runId, m|t, jobId → artifact metadata and text; runId, r|x, jobId, attempt → rejected test candidates. */
    ARTIFACTS("artifacts"),
    /**
     * scope, dimension, value → {@code Aggregate}: sums kept as entries arrive; also {@code run:<id>}, coverage,
     * file → {@code FileCoverage} of each target file of a run.
     */
    AGGREGATES("aggregates"),
    /** content key → cached artifact of an earlier run (incremental runs). */
    CACHE("cache"),
    /**
     * Documents built from other documents: {@code p, runId, jobId} → a folder's or the repository's job as planned,
     * until its input is composed; {@code c, runId, childJobId, parentJobId} → nothing: each document waiting for it.
     */
    DOCS("docs"),
    /** evaluationId, runId → {@code EvaluationArm}: the runs that sent an evaluation's sample to each candidate model. */
    EVALUATIONS("evaluations"),
    /**
     * Routing statistics: {@code c, cellId} → {@code RoutingCell}, the decayed figures of one model on one task ×
     * language × size bucket; {@code u, cellId} → nothing: a cell a durable batch changed whose publication on
     * {@code nightshift.routing-stats} Kafka has not acknowledged yet (published again when the sink starts).
     */
    ROUTING("routing"),
    /**
     * runId, jobId, attempt → {@code AttemptCalls}: the provider calls of a routed attempt written ahead of being
     * made, open until an attempt books them; those left open have an unknown outcome and a bounded cost.
     * {@code ~open, runId} → {@code OpenCalls}: the run's calls open now, what its status reads.
     */
    CALLS("calls");

    private final String familyName;

    Cf(String familyName) {
        this.familyName = familyName;
    }

    public byte[] nameBytes() {
        return familyName.getBytes(StandardCharsets.UTF_8);
    }

    public String familyName() {
        return familyName;
    }
}
