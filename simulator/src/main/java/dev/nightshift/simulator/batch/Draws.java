package dev.nightshift.simulator.batch;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Seeded draws per batch item, so the same batch under the same seed fails and expires the same items. */
public final class Draws {
    private Draws() {}

    /** A number in [0, 1) fixed by the seed, the batch, the item's key and what is drawn. */
    public static double draw(long seed, String batchId, String key, String what) {
        long h = seed;
        for (byte b : (batchId + "\u0000" + key + "\u0000" + what).getBytes(StandardCharsets.UTF_8)) {
            h = h * 1_000_003L + b;
        }
        return new SplittableRandom(h).nextDouble();
    }
}
