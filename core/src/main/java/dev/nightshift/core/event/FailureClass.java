package dev.nightshift.core.event;

/**
 * Why a call failed, in terms a caller can act on. {@link #retryable()} says whether the same call may
 * succeed later; the router may still fail a job over to another model for a non-retryable class.
 */
public enum FailureClass {
    RATE_LIMITED(true),
    OVERLOADED(true),
    TRANSIENT(true),
    CONTEXT_TOO_LONG(false),
    QUOTA_EXHAUSTED(false),
    UNAUTHORIZED(false),
    BAD_REQUEST(false),
    CONTENT_FILTERED(false),
    /** The model answered, but its output is not usable (no code block, does not parse, …). */
    INVALID_OUTPUT(false),
    /** The model's test was built and run by the validator and rejected; the attempt's verdict says how. */
    TEST_REJECTED(false),
    /** A document failed its review (unknown names, missing symbols, broken Markdown); it gets one review round. */
    DOCS_REJECTED(false),
    /**
     * The call was given up at its deadline without an answer: the provider may still have answered and billed it. Its
     * ledger line costs nothing; the most it can have cost stays on the books as an open call (see {@code CallStarted}).
     */
    OUTCOME_UNKNOWN(true),
    /** The reply was still cut at the output limit after every continuation allowed: a larger output limit may do. */
    OUTPUT_TRUNCATED(false),
    /**
     * A batch item the provider did not run: the batch expired before it, or was cancelled by someone other than its
     * run. Nothing was billed; the same call may go again, to a batch while the deadline allows, else synchronously.
     */
    BATCH_EXPIRED(true);

    private final boolean retryable;

    FailureClass(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
