package dev.nightshift.router.policy;

import dev.nightshift.core.job.Job;
import java.util.List;

/** The tiers as configured: every job starts at the first model of its chain that can take it. */
public final class FixedTiers implements StartChooser {
    public static final FixedTiers INSTANCE = new FixedTiers();

    private FixedTiers() {}

    @Override
    public Start choose(Job job, RouteRule rule, List<Candidate> fit) {
        return new Start(fit.get(0), null);
    }
}
