package dev.nightshift.simulator.server;

import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.cache.PromptCache;
import dev.nightshift.simulator.fault.FaultPlan;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.limit.Admission;
import dev.nightshift.simulator.limit.LimitLog;
import dev.nightshift.simulator.limit.RateLimitSnapshot;
import dev.nightshift.simulator.limit.RateLimiter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Random;

/**
 * One simulated provider at run time: its settings and the state they drive (fault counters, rate
 * limits, prompt cache, seeded random). Requests run on the event loop while tests and the admin
 * endpoint may change the settings from elsewhere, so every method is synchronised (uncontended).
 */
final class ProviderState {
    private final InstantSource clock;
    private final PromptCache cache;
    private final Random random;
    private final long seed;
    private ProviderSettings settings;
    private FaultPlan faults;
    private RateLimiter limiter;
    private final LimitLog limitLog = new LimitLog();

    ProviderState(ProviderSettings settings, long seed, InstantSource clock) {
        this.clock = clock;
        this.cache = new PromptCache(clock);
        this.random = new Random(seed ^ settings.id().hashCode());
        this.seed = seed;
        this.settings = settings;
        this.faults = new FaultPlan(settings.faults());
        this.limiter = new RateLimiter(settings.limits(), clock, limitLog);
    }

    /** The simulator's seed, for the seeded choices a reply makes (the same for every provider). */
    long seed() {
        return seed;
    }

    synchronized ProviderSettings settings() {
        return settings;
    }

    /** Swaps settings in; fault counts restart, limits restart only if they changed, the cache empties if turned off. */
    synchronized void replace(ProviderSettings next) {
        if (!next.limits().equals(settings.limits())) {
            limiter = new RateLimiter(next.limits(), clock, limitLog);
        }
        if (!next.cache().enabled()) {
            cache.clear();
        }
        faults = new FaultPlan(next.faults());
        settings = next;
    }

    synchronized Optional<FaultRule> pickFault(String prompt) {
        return faults.pick(prompt, random);
    }

    synchronized Admission admit(long input, long reservedOutput) {
        return limiter.admit(input, reservedOutput);
    }

    synchronized void settle(Admission.Admitted ticket, long actualOutput) {
        limiter.settle(ticket, actualOutput);
    }

    /** What the limiter admitted and refused since start (or the last clear); thread-safe on its own. */
    LimitLog limitLog() {
        return limitLog;
    }

    synchronized RateLimitSnapshot snapshot() {
        return limiter.snapshot();
    }

    synchronized long sampleLatencyMs(long outputTokens) {
        return settings.latency().sampleMs(random, outputTokens);
    }

    /** Implicit caching: cached characters of the prompt's prefix (0 when caching is off). */
    synchronized int implicitCacheChars(String model, String prompt) {
        return settings.cache().enabled() ? cache.matchAndStore(model, prompt, ttl()) : 0;
    }

    /** Explicit caching: whether the marked prefix was cached before (it is cached from now on). */
    synchronized boolean explicitCacheHit(String model, String prefix) {
        return settings.cache().enabled() && cache.hitOrWrite(model, prefix, ttl());
    }

    private Duration ttl() {
        return Duration.ofSeconds(settings.cache().ttlSeconds());
    }
}
