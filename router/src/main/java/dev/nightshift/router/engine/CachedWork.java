package dev.nightshift.router.engine;

/**
 * What the artifact cache holds, as the router knows it from {@code nightshift.cache}: the entries
 * ({@code ContentKeys.entry}: content key and simulated-or-real) of artifacts the sink has stored.
 */
public interface CachedWork {
    /** A cache that holds nothing: every job is routed. */
    CachedWork NONE = entry -> false;

    boolean has(String entry);
}
