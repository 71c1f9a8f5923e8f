package dev.nightshift.core.config;

/** Configuration that cannot be used. The message names the bad key and what to write instead. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
