package dev.nightshift.core.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Tokens a provider billed for one call, normalised to four disjoint buckets: uncached input,
 * cache-read input, cache-write input and output (reasoning included). A {@code null} bucket means the
 * provider did not report it, which is not the same as reporting 0.
 */
public record Usage(Long uncachedInput, Long cacheReadInput, Long cacheWriteInput, Long output) {
    public static final Usage NOT_REPORTED = new Usage(null, null, null, null);

    public Usage {
        requireNonNegative("uncachedInput", uncachedInput);
        requireNonNegative("cacheReadInput", cacheReadInput);
        requireNonNegative("cacheWriteInput", cacheWriteInput);
        requireNonNegative("output", output);
    }

    public static Usage of(long uncachedInput, long cacheReadInput, long cacheWriteInput, long output) {
        return new Usage(uncachedInput, cacheReadInput, cacheWriteInput, output);
    }

    @JsonIgnore
    public long uncachedInputOrZero() {
        return uncachedInput == null ? 0 : uncachedInput;
    }

    @JsonIgnore
    public long cacheReadInputOrZero() {
        return cacheReadInput == null ? 0 : cacheReadInput;
    }

    @JsonIgnore
    public long cacheWriteInputOrZero() {
        return cacheWriteInput == null ? 0 : cacheWriteInput;
    }

    @JsonIgnore
    public long outputOrZero() {
        return output == null ? 0 : output;
    }

    @JsonIgnore
    public long totalInput() {
        return uncachedInputOrZero() + cacheReadInputOrZero() + cacheWriteInputOrZero();
    }

    @JsonIgnore
    public long total() {
        return totalInput() + outputOrZero();
    }

    @JsonIgnore
    public boolean isReported() {
        return uncachedInput != null || cacheReadInput != null || cacheWriteInput != null || output != null;
    }

    /** Adds bucket by bucket; a bucket stays "not reported" only if neither side reported it. */
    public Usage plus(Usage o) {
        return new Usage(
                add(uncachedInput, o.uncachedInput),
                add(cacheReadInput, o.cacheReadInput),
                add(cacheWriteInput, o.cacheWriteInput),
                add(output, o.output));
    }

    private static Long add(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + b;
    }

    private static void requireNonNegative(String name, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(name + " tokens cannot be negative, got " + value);
        }
    }
}
