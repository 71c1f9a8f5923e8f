package dev.nightshift.core.config;

import dev.nightshift.core.provider.Protocol;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One provider account.
 *
 * @param baseUrl   where its API lives, e.g. {@code https://api.deepseek.com}
 * @param apiKeyEnv the environment variable that holds its API key (the key itself never sits in config)
 * @param apiKeyFile optional file holding the key, read when the variable is unset
 * @param batch     whether runs with a deadline may use the provider's batch API, and at what price; absent: off
 */
public record ProviderConfig(
        Protocol protocol,
        String baseUrl,
        String apiKeyEnv,
        String apiKeyFile,
        Limits limits,
        Map<String, ModelConfig> models,
        BatchConfig batch) {
    /** A provider whose batch API is not used. */
    public ProviderConfig(
            Protocol protocol,
            String baseUrl,
            String apiKeyEnv,
            String apiKeyFile,
            Limits limits,
            Map<String, ModelConfig> models) {
        this(protocol, baseUrl, apiKeyEnv, apiKeyFile, limits, models, BatchConfig.OFF);
    }

    public ProviderConfig {
        batch = batch == null ? BatchConfig.OFF : batch;
        if (protocol == null) {
            throw new IllegalArgumentException("protocol is required: openai, anthropic or gemini");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl is required, e.g. https://api.openai.com/v1");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl '" + baseUrl + "' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl '" + baseUrl + "' must be an http(s) URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "baseUrl must not carry credentials; put the key in the variable named by apiKeyEnv");
        }
        baseUrl = baseUrl.trim().replaceAll("/+$", "");
        if (apiKeyEnv == null || !apiKeyEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("apiKeyEnv must name an environment variable, e.g. DEEPSEEK_API_KEY");
        }
        limits = limits == null ? Limits.UNLIMITED : limits;
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("models must list at least one model with its price and context window");
        }
        models = Map.copyOf(models);
    }

    /** The same provider with its batch API allowed or not. */
    public ProviderConfig withBatch(BatchConfig b) {
        return new ProviderConfig(protocol, baseUrl, apiKeyEnv, apiKeyFile, limits, models, b);
    }

    /** The same provider at another address (the simulator's, in tests). */
    public ProviderConfig at(String url) {
        return new ProviderConfig(protocol, url, apiKeyEnv, apiKeyFile, limits, models, batch);
    }

    /** The wire name of a configured model. */
    public Optional<String> wireName(String modelId) {
        ModelConfig m = models.get(modelId);
        return m == null ? Optional.empty() : Optional.of(m.name() == null ? modelId : m.name());
    }
}
