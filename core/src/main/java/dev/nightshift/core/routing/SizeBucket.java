package dev.nightshift.core.routing;

import java.util.Locale;

/**
 * How big a unit is, coarsely: models that write a good test for a 40-line module may still fail on a
 * 2,000-line class, so evaluations stratify their samples by it and routing figures are kept per bucket.
 * Coarse on purpose: a prompt's token count differs a little between who counts it (the planner counts the
 * unit, a provider the whole prompt), and a bucket must not flip on that difference.
 */
public enum SizeBucket {
    /** Up to 2,000 tokens: a function, a small module or class. */
    SMALL(2_000),
    /** Up to 8,000 tokens. */
    MEDIUM(8_000),
    /** More than 8,000 tokens. */
    LARGE(Long.MAX_VALUE);

    private final long maxTokens;

    SizeBucket(long maxTokens) {
        this.maxTokens = maxTokens;
    }

    /** The bucket of a unit or prompt of {@code tokens} tokens. */
    public static SizeBucket ofTokens(long tokens) {
        for (SizeBucket b : values()) {
            if (tokens <= b.maxTokens) {
                return b;
            }
        }
        return LARGE;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
