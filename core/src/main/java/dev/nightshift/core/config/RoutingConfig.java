package dev.nightshift.core.config;

import java.util.List;

/** Ordered routing rules; the first rule that matches a job decides. */
public record RoutingConfig(List<RoutingRule> rules) {
    public RoutingConfig {
        if (rules == null || rules.isEmpty()) {
            throw new IllegalArgumentException("rules must hold at least one rule");
        }
        rules = List.copyOf(rules);
    }
}
