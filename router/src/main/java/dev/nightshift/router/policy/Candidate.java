package dev.nightshift.router.policy;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;

/**
 * A model of a rule's chain that passed the hard constraints for a job.
 *
 * @param index     its position in the rule's chain
 * @param worstCost the job's worst-case cost on it (full input with margin, full output budget)
 */
public record Candidate(int index, ModelRef ref, Money worstCost) {}
