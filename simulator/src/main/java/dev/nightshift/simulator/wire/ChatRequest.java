package dev.nightshift.simulator.wire;

/**
 * A chat call as the simulator needs it, whatever the protocol.
 *
 * @param prompt          every text the model would read, in order (system first), joined by blank lines
 * @param explicitPrefix  Anthropic: the prompt up to the end of the last block marked {@code cache_control}
 *                        (a prefix of {@code prompt}); {@code null} when nothing is marked
 * @param maxTokens       the output budget the client asked for, or {@code null}
 */
public record ChatRequest(String model, String prompt, String explicitPrefix, Integer maxTokens, boolean stream) {
}
