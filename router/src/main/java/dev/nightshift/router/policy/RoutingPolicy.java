package dev.nightshift.router.policy;

import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.RoutingRule;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routing decision as a pure function: the first rule that matches the job picks a chain, hard
 * constraints remove the models that cannot take it, the strategy ({@link StartChooser}) picks where a new job
 * starts among the remaining ones — the first of them under fixed tiers — unless its lane is backed up and a later
 * model of acceptable price can serve sooner (spill-over). Retries continue the chain in order from the model that
 * failed. Every decision carries its reason. No I/O, no clock: all that varies comes in through the
 * {@link ProviderView} and, for a learning strategy, the figures it reads.
 */
public final class RoutingPolicy {
    private final NightshiftConfig config;
    private final List<RouteRule> rules;
    private final HardConstraints constraints;
    private final Spillover spillover;
    private final StartChooser starts;

    /**
     * @param spillover {@code null} turns load-aware spill-over off
     */
    public RoutingPolicy(NightshiftConfig config, List<RouteRule> rules, Constraints constraints, Spillover spillover) {
        this(config, rules, constraints, spillover, FixedTiers.INSTANCE);
    }

    /**
     * @param spillover {@code null} turns load-aware spill-over off
     * @param starts    where a new job starts in its chain (the routing strategy)
     */
    public RoutingPolicy(
            NightshiftConfig config,
            List<RouteRule> rules,
            Constraints constraints,
            Spillover spillover,
            StartChooser starts) {
        this.config = config;
        this.rules = List.copyOf(rules);
        this.constraints = new HardConstraints(constraints);
        this.spillover = spillover;
        this.starts = starts;
        for (RouteRule rule : this.rules) {
            rule.chain().forEach(config::model);
        }
    }

    /** Core's {@code routing.rules}: one rule per task, matched on the task alone; no spill-over. */
    public static RoutingPolicy fromCore(NightshiftConfig config, Constraints constraints) {
        return new RoutingPolicy(config, coreRules(config), constraints, null);
    }

    /** Core's {@code routing.rules} as router rules matched on the task alone. */
    public static List<RouteRule> coreRules(NightshiftConfig config) {
        List<RouteRule> rules = new ArrayList<>();
        for (RoutingRule r : config.routing().rules()) {
            rules.add(RouteRule.forTask(r.name(), r.task(), r.models()));
        }
        return rules;
    }

    /** The rule for a job: the first that matches, or empty. */
    public Optional<RouteRule> ruleFor(Job job) {
        return ruleFor(job, ComplexitySignal.of(job.content()));
    }

    /** The rule for a job whose complexity signal is already known (e.g. counted by the estimate). */
    public Optional<RouteRule> ruleFor(Job job, int complexity) {
        return rules.stream()
                .filter(r -> r.matches(job.task(), job.language(), job.inputTokens(), complexity))
                .findFirst();
    }

    public Optional<RouteRule> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** A new job's route: the matching rule's chain from where the strategy starts it. */
    public RouteDecision route(Job job, ProviderView view) {
        return route(job, ComplexitySignal.of(job.content()), view);
    }

    /** A new job's route, given its complexity signal. */
    public RouteDecision route(Job job, int complexity, ProviderView view) {
        Optional<RouteRule> rule = ruleFor(job, complexity);
        if (rule.isEmpty()) {
            return new RouteDecision.Unroutable(
                    FailureClass.BAD_REQUEST,
                    null,
                    "no routing rule matches task " + job.task().id() + ", language " + job.language() + ", "
                            + job.inputTokens() + " input tokens");
        }
        return decide(job, rule.get(), 0, view, "", starts);
    }

    /**
     * The route after a failure: the rule's chain from {@code fromIndex} on (failover and escalation).
     *
     * @param prefix what happened before, put in front of the reason (e.g. the failed attempt)
     */
    public RouteDecision choose(Job job, RouteRule rule, int fromIndex, ProviderView view, String prefix) {
        return decide(job, rule, fromIndex, view, prefix, FixedTiers.INSTANCE);
    }

    private RouteDecision decide(
            Job job, RouteRule rule, int fromIndex, ProviderView view, String prefix, StartChooser chooser) {
        List<String> skipped = new ArrayList<>();
        List<Candidate> fit = new ArrayList<>();
        boolean onlyContext = true;
        List<ModelRef> chain = rule.chain();
        for (int i = fromIndex; i < chain.size(); i++) {
            ModelRef ref = chain.get(i);
            ModelConfig model = config.model(ref);
            Optional<HardConstraints.Violation> v = constraints.check(job, ref, model, view);
            if (v.isPresent()) {
                skipped.add(ref + " (" + v.get().reason() + ")");
                onlyContext &= v.get().kind() == HardConstraints.Kind.CONTEXT;
            } else {
                fit.add(new Candidate(i, ref, constraints.worstCaseCost(job, model)));
            }
        }
        String head = prefix + "rule " + rule.name();
        if (fit.isEmpty()) {
            FailureClass failure =
                    onlyContext && !skipped.isEmpty() ? FailureClass.CONTEXT_TOO_LONG : FailureClass.BAD_REQUEST;
            String why = skipped.isEmpty()
                    ? "no model left in the chain"
                    : "no model can take it: " + String.join("; ", skipped);
            ModelRef first = fromIndex < chain.size() ? chain.get(fromIndex) : chain.get(chain.size() - 1);
            return new RouteDecision.Unroutable(failure, first, head + ": " + why);
        }
        StartChooser.Start start = chooser.choose(job, rule, List.copyOf(fit));
        Candidate preferred = start.candidate();
        Candidate chosen = spillTarget(preferred, fit, view).orElse(preferred);
        StringBuilder reason = new StringBuilder(head).append(" -> ").append(chosen.ref());
        if (chosen.equals(preferred)) {
            reason.append(chosen.index() == 0 ? " (first choice" : " (chain position " + (chosen.index() + 1));
        } else {
            reason.append(" (spill-over: lane of ")
                    .append(preferred.ref())
                    .append(" needs ")
                    .append(view.timeToClear(preferred.ref().provider())
                            .map(Duration::toString)
                            .orElse("?"))
                    .append(" to clear, over ")
                    .append(spillover.maxLaneWait());
        }
        reason.append(start.why() == null ? "" : "; " + start.why()).append(')');
        if (!skipped.isEmpty()) {
            reason.append("; skipped ").append(String.join("; ", skipped));
        }
        return new RouteDecision.Routed(rule, chosen.ref(), chosen.index(), reason.toString());
    }

    private Optional<Candidate> spillTarget(Candidate preferred, List<Candidate> fit, ProviderView view) {
        if (spillover == null || !backedUp(preferred.ref(), view)) {
            return Optional.empty();
        }
        Money limit = preferred.worstCost().times(spillover.maxPriceRatio());
        return fit.stream()
                .filter(c -> c.index() > preferred.index())
                .filter(c -> !c.ref().provider().equals(preferred.ref().provider()))
                .filter(c -> !c.worstCost().exceeds(limit))
                .filter(c -> view.timeToClear(c.ref().provider())
                        .map(t -> t.compareTo(spillover.maxLaneWait()) <= 0)
                        .orElse(false))
                .findFirst();
    }

    private boolean backedUp(ModelRef ref, ProviderView view) {
        return view.timeToClear(ref.provider())
                .map(t -> t.compareTo(spillover.maxLaneWait()) > 0)
                .orElse(false);
    }

    public HardConstraints constraints() {
        return constraints;
    }

    public List<RouteRule> rules() {
        return rules;
    }

    /** Where new jobs start in their chain (the routing strategy). */
    public StartChooser starts() {
        return starts;
    }
}
