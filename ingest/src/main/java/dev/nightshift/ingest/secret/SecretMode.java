package dev.nightshift.ingest.secret;

import java.util.Locale;

/** What the secret guard does with a source file that holds a credential. */
public enum SecretMode {
    /** Replace each secret value with {@code [REDACTED:<rule>]} and send the rest (default). */
    REDACT,
    /** Leave the whole file out of the run. */
    WITHHOLD;

    public static SecretMode parse(String value) {
        for (SecretMode m : values()) {
            if (m.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("ingestOptions.secrets must be 'redact' or 'withhold', got '" + value + "'");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
