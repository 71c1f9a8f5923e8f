package dev.nightshift.simulator.billing;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import java.time.Instant;

/**
 * One request the simulated provider accepted and answered in full, with the usage it reported and what
 * that usage costs at the configured price. Never holds the prompt, the reply or the key.
 *
 * @param seq       1, 2, 3… in the order the replies were sent
 * @param requestId the id the reply carried ({@code chatcmpl-…}, {@code msg_…}, Gemini {@code responseId})
 * @param model     the model name as the client sent it
 * @param tier      {@code standard} for a synchronous call, {@code batch} for a batch item (billed at the batch price)
 */
public record BillEntry(
        long seq,
        Instant at,
        String provider,
        String model,
        String requestId,
        Usage usage,
        Money cost,
        ServiceTier tier) {}
