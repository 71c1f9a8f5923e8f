package dev.nightshift.core.routerstate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.nightshift.core.codec.MessageCodec;

/**
 * One record of a router's state on {@code nightshift.router-state}: a job it holds, a run's budget, or a tenant's
 * spend on one day. The topic is compacted by {@link #key()}, so the latest record of each key is the state and a
 * tombstone (no value) forgets it; every record sits in its tenant's partition (see {@code RecordKeys}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "state")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JobRouting.class, name = "job"),
    @JsonSubTypes.Type(value = RunBudget.class, name = "run"),
    @JsonSubTypes.Type(value = TenantDaySpend.class, name = "tenant-day")
})
public sealed interface RouterState permits JobRouting, RunBudget, TenantDaySpend {
    MessageCodec<RouterState> CODEC = new MessageCodec<>(RouterState.class, 1);

    /** The tenant whose partition holds the record. */
    String tenant();

    /** The record's key: the thing it describes. */
    @JsonIgnore
    String key();

    static String jobKey(String runId, String jobId) {
        return "job/" + runId + "/" + jobId;
    }

    static String runKey(String runId) {
        return "run/" + runId;
    }

    static String tenantDayKey(String tenant, java.time.LocalDate day) {
        return "tenant-day/" + tenant + "/" + day;
    }
}
