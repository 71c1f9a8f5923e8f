package dev.nightshift.worker.batch;

import dev.nightshift.core.job.LaneRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** A batch written down and not yet ended: its record and its members' lane requests by custom id. */
public record PendingBatch(BatchRecord record, Map<String, LaneRequest> members) {
    public PendingBatch {
        members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    public PendingBatch with(BatchRecord r) {
        return new PendingBatch(r, members);
    }

    /** Whether every member's request was read back (a batch whose members are missing cannot be worked). */
    public boolean complete() {
        return members.keySet().containsAll(record.members());
    }
}
