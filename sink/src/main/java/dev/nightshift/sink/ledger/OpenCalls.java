package dev.nightshift.sink.ledger;

import dev.nightshift.core.attempt.CallStarted;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run's provider calls still open, across all its attempts: what its status and cost report show as calls under way
 * or of unknown outcome. Kept beside the attempts' own {@link AttemptCalls} so that a status reads one small record
 * (the calls in flight) instead of every call the run ever made.
 */
public record OpenCalls(List<CallStarted> calls) {
    public static final OpenCalls NONE = new OpenCalls(List.of());

    public OpenCalls {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    /** This index after one attempt's open calls went from {@code before} to {@code after}. */
    public OpenCalls changed(List<CallStarted> before, List<CallStarted> after) {
        Set<String> replaced = new HashSet<>();
        before.forEach(c -> replaced.add(c.callId()));
        after.forEach(c -> replaced.add(c.callId()));
        List<CallStarted> next = new ArrayList<>(calls.size() + after.size());
        for (CallStarted c : calls) {
            if (!replaced.contains(c.callId())) {
                next.add(c);
            }
        }
        next.addAll(after);
        return new OpenCalls(next);
    }
}
