package dev.nightshift.worker.batch;

import dev.nightshift.worker.provider.CallRequest;
import java.util.Objects;

/**
 * One request of a provider batch: the call, built as the synchronous client builds it, under the id its result comes
 * back with ({@code custom_id}, or Gemini's {@code metadata.key}).
 */
public record BatchEntry(String customId, CallRequest call) {
    public BatchEntry {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(call, "call");
    }
}
