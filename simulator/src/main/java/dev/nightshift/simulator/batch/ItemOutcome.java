package dev.nightshift.simulator.batch;

import dev.nightshift.simulator.wire.ChatReply;
import dev.nightshift.simulator.wire.WireResponse;

/** What became of one batch item; each protocol spells it in its own result shape. */
public sealed interface ItemOutcome {
    /** The model answered: the same reply a synchronous call of the request gets, billed at the batch price. */
    record Answered(ChatReply reply, String requestId) implements ItemOutcome {}

    /** The request failed with the provider's error (status and body as the synchronous endpoint sends them); free. */
    record Errored(WireResponse error, String requestId) implements ItemOutcome {}

    /** The window closed before the provider reached it; free. */
    record Expired() implements ItemOutcome {}

    /** The batch was cancelled before the provider reached it; free. */
    record Cancelled() implements ItemOutcome {}
}
