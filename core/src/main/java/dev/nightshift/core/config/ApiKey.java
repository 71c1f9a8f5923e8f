package dev.nightshift.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's API key. Its {@code toString} never shows the key, so it cannot leak through a log line,
 * an exception or a record by accident; only {@link #reveal()} gives it, for the Authorization header.
 */
public final class ApiKey {
    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an API key cannot be empty");
        }
        return new ApiKey(value.trim());
    }

    /** The key from the provider's environment variable, else from its key file; empty when neither is set. */
    public static Optional<ApiKey> resolve(ProviderConfig provider, Map<String, String> env) {
        String fromEnv = env.get(provider.apiKeyEnv());
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(of(fromEnv));
        }
        if (provider.apiKeyFile() != null && !provider.apiKeyFile().isBlank()) {
            Path file = Path.of(provider.apiKeyFile());
            try {
                return Optional.of(of(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("apiKeyFile '" + file + "' cannot be read as a key: "
                        + e.getClass().getSimpleName() + "; check that it exists and holds the key on one line");
            }
        }
        return Optional.empty();
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
