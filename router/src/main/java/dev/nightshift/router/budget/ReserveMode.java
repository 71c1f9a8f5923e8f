package dev.nightshift.router.budget;

/** How much a routed attempt holds against its budgets until its result settles. */
public enum ReserveMode {
    /**
     * Input with margin plus the whole output budget ({@code max_tokens}): the most the call can cost.
     * Budgets then hold up to the tokenizer error beyond the margin.
     */
    WORST_CASE,
    /** Input plus expected output: routes more jobs near the limit, overspend bounded by what was in flight. */
    EXPECTED
}
