package dev.nightshift.simulator.wire;

/**
 * A chat call as the simulator needs it, whatever the protocol.
 *
 * @param prompt          every text the model would read, in order (system first), joined by blank lines
 * @param explicitPrefix  Anthropic: the prompt up to the end of the last block marked {@code cache_control}
 *                        (a prefix of {@code prompt}); {@code null} when nothing is marked
 * @param maxTokens       the output budget the client asked for, or {@code null}
 * @param stream          whether the reply goes as server-sent events
 * @param includeUsage    OpenAI streams: whether a final chunk carries the usage ({@code stream_options.include_usage})
 */
public record ChatRequest(String model, String prompt, String explicitPrefix, Integer maxTokens, boolean stream, boolean includeUsage) {
    public ChatRequest asStream() {
        return new ChatRequest(model, prompt, explicitPrefix, maxTokens, true, includeUsage);
    }
}
