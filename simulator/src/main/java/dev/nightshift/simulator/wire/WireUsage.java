package dev.nightshift.simulator.wire;

import dev.nightshift.core.usage.Usage;

/**
 * What the provider reports, before any protocol spells it: three disjoint input buckets, the visible
 * output and the thinking tokens (billed as output).
 */
public record WireUsage(
        long uncachedInput, long cacheReadInput, long cacheWriteInput, long visibleOutput, long thinking) {
    public long promptTotal() {
        return uncachedInput + cacheReadInput + cacheWriteInput;
    }

    public long output() {
        return visibleOutput + thinking;
    }

    /** The four buckets the bill records; equal to what a correct client normalises from the wire. */
    public Usage normalised() {
        return Usage.of(uncachedInput, cacheReadInput, cacheWriteInput, output());
    }
}
