package dev.nightshift.core.provider;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a provider serves a call: at once on its synchronous API ({@link #STANDARD}), or within its batch window at the
 * batch price, on a quota of its own ({@link #BATCH}). The ledger marks every attempt with the tier it was billed at.
 */
public enum ServiceTier {
    STANDARD("standard"),
    BATCH("batch");

    private final String id;

    ServiceTier(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The tier named {@code id}; absent ({@code null}) in records written before tiers: standard. */
    @JsonCreator
    public static ServiceTier of(String id) {
        if (id == null || id.isBlank()) {
            return STANDARD;
        }
        for (ServiceTier t : values()) {
            if (t.id.equalsIgnoreCase(id.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown service tier '" + id + "': standard or batch");
    }
}
