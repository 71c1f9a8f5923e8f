package dev.nightshift.simulator.fault;

import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The faults of one provider with their remaining counts. Rules are tried in order and the first that
 * fires wins. Not thread-safe: it lives on the simulator's event loop.
 */
public final class FaultPlan {
    private final List<FaultRule> rules;
    private final int[] remaining;

    public FaultPlan(List<FaultRule> rules) {
        this.rules = List.copyOf(rules);
        this.remaining = new int[this.rules.size()];
        for (int i = 0; i < remaining.length; i++) {
            Integer t = this.rules.get(i).times();
            remaining[i] = t == null ? -1 : t;
        }
    }

    public List<FaultRule> rules() {
        return rules;
    }

    /** The fault for this request, if any; consumes one use of a counted rule. */
    public Optional<FaultRule> pick(String prompt, Random random) {
        for (int i = 0; i < rules.size(); i++) {
            FaultRule r = rules.get(i);
            if (r.whenPromptContains() != null && (prompt == null || !prompt.contains(r.whenPromptContains()))) {
                continue;
            }
            if (remaining[i] == 0) {
                continue;
            }
            if (r.rate() != null && random.nextDouble() >= r.rate()) {
                continue;
            }
            if (remaining[i] > 0) {
                remaining[i]--;
            }
            return Optional.of(r);
        }
        return Optional.empty();
    }
}
