package dev.nightshift.router.policy;

import dev.nightshift.core.job.Job;
import java.util.List;

/**
 * Where in its rule's chain a new job starts: the routing strategy ({@code router.strategy}). The chain itself —
 * hard constraints, spill-over, failover and escalation onward from the start — is the policy's, whatever the
 * strategy; retries never ask the chooser again.
 */
public interface StartChooser {
    /**
     * @param fit the chain's models that passed the hard constraints, in chain order; never empty
     */
    Start choose(Job job, RouteRule rule, List<Candidate> fit);

    /**
     * @param candidate one of {@code fit}
     * @param why       what decided, for the routing reason; {@code null} when the chain order alone did
     */
    record Start(Candidate candidate, String why) {}
}
