package dev.nightshift.simulator.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers prompt prefixes per model, as a provider's prompt cache does. Prefixes are cut at fixed
 * character boundaries (real caches work in 128-token blocks; characters are close enough and need no
 * tokenizer) and identified by a running SHA-256, so a long prompt costs one pass. Bounded (LRU) so a long
 * benchmark does not grow without end. Not thread-safe: it lives on the simulator's event loop.
 */
public final class PromptCache {
    /** Characters per cache block. */
    public static final int BLOCK_CHARS = 512;

    private static final int MAX_ENTRIES = 200_000;

    private final InstantSource clock;
    private final Map<String, Instant> lastUsed = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public PromptCache(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Implicit caching: the length in characters of the longest cached block-aligned prefix of
     * {@code prompt}; then every block-aligned prefix of it is cached (or refreshed).
     */
    public int matchAndStore(String model, String prompt, Duration ttl) {
        Instant now = clock.instant();
        int hit = 0;
        MessageDigest running = sha256(model);
        for (int end = BLOCK_CHARS; end <= prompt.length(); end += BLOCK_CHARS) {
            running.update(prompt.substring(end - BLOCK_CHARS, end).getBytes(StandardCharsets.UTF_8));
            String key = digestOf(running);
            Instant used = lastUsed.get(key);
            if (used != null && !used.plus(ttl).isBefore(now) && hit == end - BLOCK_CHARS) {
                hit = end;
            }
            lastUsed.put(key, now);
        }
        return hit;
    }

    /** Explicit caching: true if exactly this prefix is cached (and refreshes it); otherwise caches it. */
    public boolean hitOrWrite(String model, String prefix, Duration ttl) {
        Instant now = clock.instant();
        MessageDigest d = sha256(model);
        d.update(prefix.getBytes(StandardCharsets.UTF_8));
        String key = "x" + digestOf(d);
        Instant used = lastUsed.put(key, now);
        return used != null && !used.plus(ttl).isBefore(now);
    }

    public void clear() {
        lastUsed.clear();
    }

    private static MessageDigest sha256(String model) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(model.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            return d;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String digestOf(MessageDigest running) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) running.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest cannot be cloned on this JVM", e);
        }
    }
}
