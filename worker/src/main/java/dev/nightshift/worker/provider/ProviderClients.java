package dev.nightshift.worker.provider;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.worker.provider.anthropic.AnthropicClient;
import dev.nightshift.worker.provider.gemini.GeminiClient;
import dev.nightshift.worker.provider.http.HttpExchange;
import dev.nightshift.worker.provider.openai.OpenAiClient;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/** Builds the client that speaks a provider's protocol. */
public final class ProviderClients {
    private ProviderClients() {}

    public static ProviderClient forProvider(
            ProviderConfig provider,
            Optional<ApiKey> key,
            Vertx vertx,
            WebClient web,
            InstantSource clock,
            Duration deadline) {
        HttpExchange http = new HttpExchange(vertx, web, clock, deadline);
        return switch (provider.protocol()) {
            case OPENAI -> new OpenAiClient(http, provider.baseUrl(), key);
            case GEMINI -> new GeminiClient(http, provider.baseUrl(), key);
            case ANTHROPIC -> new AnthropicClient(http, provider.baseUrl(), key);
        };
    }
}
