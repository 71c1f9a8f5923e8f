package dev.nightshift.worker.attempt;

import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The version of the price table an attempt was costed at: a hash of every configured price, in sorted
 * order, so two workers with the same prices agree and a price change is visible in the ledger.
 */
public final class PriceTableVersion {
    private PriceTableVersion() {}

    public static String of(NightshiftConfig config) {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, ProviderConfig> p : new TreeMap<>(config.providers()).entrySet()) {
            for (Map.Entry<String, ModelConfig> m : new TreeMap<>(p.getValue().models()).entrySet()) {
                var price = m.getValue().price();
                canonical
                        .append(p.getKey())
                        .append('/')
                        .append(m.getKey())
                        .append(':')
                        .append(price.input())
                        .append(',')
                        .append(price.cacheRead())
                        .append(',')
                        .append(price.cacheWrite())
                        .append(',')
                        .append(price.output())
                        .append('\n');
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "prices-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
