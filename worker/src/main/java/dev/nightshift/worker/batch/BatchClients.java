package dev.nightshift.worker.batch;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.worker.provider.http.HttpExchange;
import java.util.Optional;

/** Builds the client of a provider's batch API. */
public final class BatchClients {
    private BatchClients() {}

    public static BatchClient forProvider(ProviderConfig provider, Optional<ApiKey> key, HttpExchange http) {
        return switch (provider.protocol()) {
            case OPENAI -> new OpenAiBatchClient(http, provider.baseUrl(), key);
            case ANTHROPIC -> new AnthropicBatchClient(http, provider.baseUrl(), key);
            case GEMINI -> new GeminiBatchClient(http, provider.baseUrl(), key);
        };
    }
}
