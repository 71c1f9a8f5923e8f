package dev.nightshift.sink.store;

/**
 * The key layout of every column family, in one place, but for {@link Cf#AGGREGATES}: its keys start with an
 * aggregate scope, so they are laid out beside the scopes, in {@code dev.nightshift.sink.aggregate.AggregateKeys}.
 */
public final class StoreKeys {
    private static final String META = "m";
    private static final String TEXT = "t";
    /** Rejected test candidates: metadata and text, per job and attempt, beside the delivered artifacts. */
    private static final String REJECTED_META = "r";

    private static final String REJECTED_TEXT = "x";
    private static final String PENDING_DOC = "p";
    private static final String DOC_PARENT = "c";
    private static final String ROUTING_CELL = "c";
    private static final String ROUTING_UNPUBLISHED = "u";

    private StoreKeys() {}

    public static byte[] run(String runId) {
        return Keys.of(runId);
    }

    public static byte[] job(String runId, String jobId) {
        return Keys.of(runId, jobId);
    }

    public static byte[] jobsOf(String runId) {
        return Keys.prefix(runId);
    }

    public static byte[] ledger(String runId, String jobId, int attempt) {
        return Keys.of(runId, jobId, Keys.attempt(attempt));
    }

    public static byte[] ledgerOf(String runId) {
        return Keys.prefix(runId);
    }

    /** The calls of one routed attempt (see {@link Cf#CALLS}). */
    public static byte[] calls(String runId, String jobId, int attempt) {
        return Keys.of(runId, jobId, Keys.attempt(attempt));
    }

    /** The open calls of one run (see {@link Cf#CALLS}); its first part is no run id. */
    public static byte[] openCalls(String runId) {
        return Keys.of(OPEN_CALLS, runId);
    }

    /** The open calls of every run. */
    public static byte[] openCallsOfEveryRun() {
        return Keys.prefix(OPEN_CALLS);
    }

    /** Run ids start with a letter; this part cannot be one. */
    private static final String OPEN_CALLS = "~open";

    public static byte[] artifactMeta(String runId, String jobId) {
        return Keys.of(runId, META, jobId);
    }

    public static byte[] artifactText(String runId, String jobId) {
        return Keys.of(runId, TEXT, jobId);
    }

    public static byte[] artifactsOf(String runId) {
        return Keys.prefix(runId, META);
    }

    public static byte[] rejectedMeta(String runId, String jobId, int attempt) {
        return Keys.of(runId, REJECTED_META, jobId, Keys.attempt(attempt));
    }

    public static byte[] rejectedText(String runId, String jobId, int attempt) {
        return Keys.of(runId, REJECTED_TEXT, jobId, Keys.attempt(attempt));
    }

    /** Every rejected candidate of the run, by job and attempt. */
    public static byte[] rejectedOf(String runId) {
        return Keys.prefix(runId, REJECTED_META);
    }

    /** A folder's or the repository's planned job, waiting for its children's documents (in {@link Cf#DOCS}). */
    public static byte[] pendingDoc(String runId, String jobId) {
        return Keys.of(PENDING_DOC, runId, jobId);
    }

    /** Every waiting document of every run. */
    public static byte[] pendingDocs() {
        return Keys.prefix(PENDING_DOC);
    }

    /**
     * That a job's document is a child of a waiting document (in {@link Cf#DOCS}; the value is empty). A document may
     * have several waiting parents: a folder's summary and the architecture built from the summaries below it.
     */
    public static byte[] docParent(String runId, String childJobId, String parentJobId) {
        return Keys.of(DOC_PARENT, runId, childJobId, parentJobId);
    }

    /** Every waiting parent of a job's document. */
    public static byte[] docParents(String runId, String childJobId) {
        return Keys.prefix(DOC_PARENT, runId, childJobId);
    }

    /** One arm (run) of an evaluation (in {@link Cf#EVALUATIONS}). */
    public static byte[] evaluationArm(String evaluationId, String runId) {
        return Keys.of(evaluationId, runId);
    }

    /** Every arm of an evaluation. */
    public static byte[] evaluationArms(String evaluationId) {
        return Keys.prefix(evaluationId);
    }

    /** A routing statistics cell (in {@link Cf#ROUTING}). */
    public static byte[] routingCell(String cellId) {
        return Keys.of(ROUTING_CELL, cellId);
    }

    /** Every routing statistics cell. */
    public static byte[] routingCells() {
        return Keys.prefix(ROUTING_CELL);
    }

    /** That a routing cell changed and its publication is not yet acknowledged (in {@link Cf#ROUTING}; empty value). */
    public static byte[] routingUnpublished(String cellId) {
        return Keys.of(ROUTING_UNPUBLISHED, cellId);
    }

    /** Every routing cell whose publication is not yet acknowledged. */
    public static byte[] routingUnpublished() {
        return Keys.prefix(ROUTING_UNPUBLISHED);
    }

    /** Every attempt of one job in the ledger, in attempt order. */
    public static byte[] ledgerOf(String runId, String jobId) {
        return Keys.prefix(runId, jobId);
    }

    public static byte[] cacheMeta(String contentKey, boolean simulated) {
        return Keys.of(contentKey, simulated ? "sim" : "real", META);
    }

    public static byte[] cacheText(String contentKey, boolean simulated) {
        return Keys.of(contentKey, simulated ? "sim" : "real", TEXT);
    }
}
