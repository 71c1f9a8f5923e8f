package dev.nightshift.worker.quota;

/**
 * What a call may use, reserved before it is sent: its estimated input tokens and its {@code max_tokens}
 * (providers such as Anthropic count the requested output against the output limit up-front).
 */
public record Reservation(long inputTokens, long outputTokens) {
    public Reservation {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("a reservation cannot be negative: " + inputTokens + "/" + outputTokens);
        }
    }

    /**
     * The reservation of a job: our o200k estimate made a little larger, since providers' tokenizers count
     * code higher than o200k, plus the system instruction and chat framing.
     */
    public static Reservation forJob(long estimatedInputTokens, int maxOutputTokens) {
        return new Reservation(estimatedInputTokens + estimatedInputTokens / 5 + 256, maxOutputTokens);
    }

    public long total() {
        return inputTokens + outputTokens;
    }
}
