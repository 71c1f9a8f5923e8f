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
 * @param continuation    when the call continues a reply cut at the output limit, the original prompt and the reply
 *                        so far; {@code null} for any other call
 */
public record ChatRequest(
        String model,
        String prompt,
        String explicitPrefix,
        Integer maxTokens,
        boolean stream,
        boolean includeUsage,
        Continuation continuation) {
    public ChatRequest(
            String model,
            String prompt,
            String explicitPrefix,
            Integer maxTokens,
            boolean stream,
            boolean includeUsage) {
        this(model, prompt, explicitPrefix, maxTokens, stream, includeUsage, null);
    }

    public ChatRequest asStream() {
        return new ChatRequest(model, prompt, explicitPrefix, maxTokens, true, includeUsage, continuation);
    }

    /** The prompt the reply is written for: the original one for a continuation, else the whole prompt. */
    public String artifactPrompt() {
        return continuation == null ? prompt : continuation.originalPrompt();
    }
}
