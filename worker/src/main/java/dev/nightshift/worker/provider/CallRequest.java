package dev.nightshift.worker.provider;

import dev.nightshift.worker.prompt.Prompt;
import java.time.Duration;
import java.util.Objects;

/**
 * What to send: the model's wire name, the prompt and the output budget — and, to continue a reply the provider
 * stopped at the output limit, the reply so far.
 *
 * @param maxTokens    the job's output budget, sized to the task (never the model's maximum)
 * @param continuation the reply so far when this call continues it; {@code null} for a first call. Each protocol
 *                     sends it its own way (see the clients): a follow-up turn asking for the rest, or a prefilled
 *                     assistant turn the model carries on
 * @param deadline     how long this call may run before it is given up; {@code null}: the client's ceiling
 */
public record CallRequest(String model, Prompt prompt, int maxTokens, String continuation, Duration deadline) {
    /** The follow-up turn of the protocols that continue a reply by asking for the rest. */
    public static final String CONTINUE =
            "Continue exactly where your previous reply stopped. Do not repeat anything already written.";

    public CallRequest(String model, Prompt prompt, int maxTokens) {
        this(model, prompt, maxTokens, null, null);
    }

    /** The same call, continuing the reply {@code soFar}. */
    public CallRequest continuing(String soFar) {
        return new CallRequest(model, prompt, maxTokens, soFar, deadline);
    }

    /** The same call, given up after {@code d}. */
    public CallRequest within(Duration d) {
        return new CallRequest(model, prompt, maxTokens, continuation, d);
    }

    public CallRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be > 0, got " + maxTokens);
        }
    }
}
