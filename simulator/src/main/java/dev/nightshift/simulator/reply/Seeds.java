package dev.nightshift.simulator.reply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The seeds of a simulated model's random choices. They come from the simulator's seed, the model and the prompt
 * only, so the same prompt to the same model under the same seed always gets the same reply, in any process.
 */
final class Seeds {
    private Seeds() {}

    /** A 64-bit seed from the simulator's seed, the model and the prompt. */
    static long of(SimulatedModel model, String prompt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(model.seed()).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(model.model().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(prompt.getBytes(StandardCharsets.UTF_8));
            byte[] d = sha.digest();
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = s << 8 | (d[i] & 0xff);
            }
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SplitMix64 of the seed and a purpose, so each random choice has its own stream. */
    static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
