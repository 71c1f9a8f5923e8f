package dev.nightshift.router.learning;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a new job's starting model is picked among its chain's ({@code router.strategy}). */
public enum RoutingStrategy {
    /** The chain's order as configured: the first model that can take the job. */
    FIXED_TIERS,
    /** The start with the lowest expected dollars per accepted artifact, by the routing statistics. */
    CHEAPEST_PER_PASS;

    /** {@code fixed-tiers} or {@code cheapest-per-pass}, as written in the config. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an {@link #id()} (any case); the error lists the valid values. */
    public static RoutingStrategy parse(String text) {
        for (RoutingStrategy s : values()) {
            if (s.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("strategy '" + text + "' is not known; use one of: "
                + Arrays.stream(values()).map(RoutingStrategy::id).collect(Collectors.joining(", ")));
    }
}
