package dev.nightshift.sinkapi.aggregate;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a cost can be grouped by; each is kept as an aggregate while results arrive. */
public enum Dimension {
    TOTAL(e -> ""),
    RUN(LedgerEntry::runId),
    PROVIDER(LedgerEntry::provider),
    MODEL(LedgerEntry::model),
    TASK(e -> e.task() == null ? "" : e.task().id()),
    REPOSITORY(LedgerEntry::repository),
    TENANT(LedgerEntry::tenant),
    DAY(e -> e.day().toString()),
    /** The unit's language id; empty for entries recorded before languages were kept. */
    LANGUAGE(LedgerEntry::language),
    /** The service tier the call was billed at: {@code standard} or {@code batch} (a provider batch). */
    TIER(e -> e.serviceTier().id());

    // Every value is a stateless accessor of a LedgerEntry, so the enum is immutable all the same
    @SuppressWarnings("ImmutableEnumChecker")
    private final Function<LedgerEntry, String> value;

    Dimension(Function<LedgerEntry, String> value) {
        this.value = value;
    }

    public String valueOf(LedgerEntry e) {
        return value.apply(e);
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a group-by name such as {@code model}; the error lists the valid names. */
    public static Dimension parse(String text) {
        for (Dimension d : values()) {
            if (d.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("cannot group by '" + text + "'; use one of: "
                + Arrays.stream(values()).map(Dimension::id).collect(Collectors.joining(", ")));
    }
}
