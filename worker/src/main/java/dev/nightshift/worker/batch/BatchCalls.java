package dev.nightshift.worker.batch;

import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.worker.prompt.PromptBuilder;
import dev.nightshift.worker.provider.CallRequest;
import dev.nightshift.worker.provider.anthropic.AnthropicClient;
import dev.nightshift.worker.provider.gemini.GeminiClient;
import dev.nightshift.worker.provider.openai.OpenAiClient;
import java.util.Optional;

/** The call a batch lane request stands for, built as the synchronous lane builds it, and its size on the wire. */
final class BatchCalls {
    /** What a line adds around the request body (custom id, method, URL, the JSON around them). */
    private static final int LINE_OVERHEAD = 160;

    private final String provider;
    private final ProviderConfig config;
    private final PromptBuilder prompts = new PromptBuilder();

    BatchCalls(String provider, ProviderConfig config) {
        this.provider = provider;
        this.config = config;
    }

    /** The call, or empty when the request's model is not one of this provider's. */
    Optional<CallRequest> call(LaneRequest request) {
        ModelConfig model = request.model().provider().equals(provider)
                ? config.models().get(request.model().model())
                : null;
        if (model == null) {
            return Optional.empty();
        }
        return Optional.of(new CallRequest(
                wireModel(request.model().model()),
                prompts.build(request),
                request.job().maxOutputTokens()));
    }

    /** The model's name on the wire. */
    String wireModel(String model) {
        ModelConfig m = config.models().get(model);
        return m == null || m.name() == null ? model : m.name();
    }

    /** The bytes one request takes in the batch's upload. */
    long bytes(CallRequest call) {
        byte[] body =
                switch (config.protocol()) {
                    case OPENAI -> OpenAiClient.body(call);
                    case ANTHROPIC -> AnthropicClient.body(call);
                    case GEMINI -> GeminiClient.body(call);
                };
        return (long) body.length + LINE_OVERHEAD;
    }
}
