package dev.nightshift.worker.provider;

import dev.nightshift.worker.prompt.Prompt;
import java.util.Objects;

/**
 * What to send: the model's wire name, the prompt and the output budget.
 *
 * @param maxTokens the job's output budget, sized to the task (never the model's maximum)
 */
public record CallRequest(String model, Prompt prompt, int maxTokens) {
    public CallRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, got " + maxTokens);
        }
    }
}
