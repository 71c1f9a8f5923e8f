package dev.nightshift.core.config;

/**
 * The sink's query API.
 *
 * @param host     interface to listen on; loopback by default
 * @param port     0 picks a free port (the all-in-one mode does)
 * @param tokenEnv environment variable holding the bearer token the API demands, if any
 */
public record SinkConfig(String host, int port, String tokenEnv) {
    public SinkConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }
}
