package dev.nightshift.sink.ledger;

import dev.nightshift.core.attempt.CallStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The provider calls of one routed attempt that were written ahead, in the order they were opened: those still open
 * (no attempt booked them yet) and the ids of those settled. A call stays open while it runs; one still open when its
 * worker died, or given up at its deadline, is a call of unknown outcome, and its {@link CallStarted#costBound()} is
 * the most the provider can have billed for it.
 *
 * <p>An attempt booked under the routed number ends the last call opened for it (the lane record's latest delivery,
 * or the latest generation's after a resume); a call retried in the lane is booked under its own number, which names
 * its delivery. A call's start seen again after it was settled (a record read twice) does not open it again.
 */
public record AttemptCalls(List<CallStarted> open, List<String> settled) {
    public static final AttemptCalls NONE = new AttemptCalls(List.of(), List.of());

    public AttemptCalls {
        open = open == null ? List.of() : List.copyOf(open);
        settled = settled == null ? List.of() : List.copyOf(settled);
    }

    /** With this call open; its earlier start (a continuation widens the bound of its first call) is replaced. */
    public AttemptCalls opened(CallStarted call) {
        if (settled.contains(call.callId())) {
            return this;
        }
        List<CallStarted> next = new ArrayList<>(
                open.stream().filter(c -> !c.callId().equals(call.callId())).toList());
        next.add(call);
        return new AttemptCalls(next, settled);
    }

    /** With the last call opened on this delivery settled. */
    public AttemptCalls settled(int delivery) {
        return last(open.stream().filter(c -> c.delivery() == delivery).toList())
                .map(this::without)
                .orElse(this);
    }

    /** With the last call opened settled: the one an attempt under the routed number ends. */
    public AttemptCalls lastSettled() {
        return last(open).map(this::without).orElse(this);
    }

    private AttemptCalls without(CallStarted call) {
        List<String> done = new ArrayList<>(settled);
        done.add(call.callId());
        return new AttemptCalls(
                open.stream().filter(c -> !c.callId().equals(call.callId())).toList(), done);
    }

    private static Optional<CallStarted> last(List<CallStarted> calls) {
        return calls.isEmpty() ? Optional.empty() : Optional.of(calls.get(calls.size() - 1));
    }
}
