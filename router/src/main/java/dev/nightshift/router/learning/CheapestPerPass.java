package dev.nightshift.router.learning;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.routing.CellGroup;
import dev.nightshift.core.routing.PassPrior;
import dev.nightshift.core.routing.RoutingCell;
import dev.nightshift.core.routing.Tries;
import dev.nightshift.router.failover.FailoverSettings;
import dev.nightshift.router.policy.Candidate;
import dev.nightshift.router.policy.Constraints;
import dev.nightshift.router.policy.OutputExpectation;
import dev.nightshift.router.policy.RouteRule;
import dev.nightshift.router.policy.StartChooser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code cheapest-per-pass} strategy: a new job starts at the model of its chain with the lowest expected dollars
 * per accepted artifact, by the routing statistics of its task × language × size bucket.
 *
 * <p>For each start {@code i} among the chain's models that can take the job: the expected cost of the stage at
 * {@code i} (first try, then repair rounds while they fail, by the cell's first-try and repair pass rates — the repair
 * rate's prior centred on the first-try rate, so a cell without repairs is not flattered by them) plus, each
 * time a stage fails, the next stage's, to the end of the chain (at most {@code maxEscalations} escalations); divided
 * by the chance that this chain ends with an accepted artifact ({@link ChainOutlook}). A try costs its cell's mean
 * cost, or — while the cell has fewer than {@code minCostTries} — the model's price for the job's prompt and expected
 * output. Among the starts whose own stage passes at least {@code minPassRate}, the cheapest per pass wins; when none
 * does, the one that passes most.
 *
 * <p>Until the group holds {@code minEvidence} decayed observations, the chain's order decides, as under fixed tiers.
 * Once figures decide, an {@code explorationShare} of jobs (a hash of run and job id, so the same job always goes the
 * same way) starts at the other model with the fewest observations, so that every model's figures stay current. The
 * reason names the figures.
 */
public final class CheapestPerPass implements StartChooser {
    private final RoutingStats stats;
    private final LearningSettings settings;
    private final NightshiftConfig config;
    private final Constraints constraints;
    private final OutputExpectation expectation;
    private final FailoverSettings failover;

    public CheapestPerPass(
            RoutingStats stats,
            LearningSettings settings,
            NightshiftConfig config,
            Constraints constraints,
            OutputExpectation expectation,
            FailoverSettings failover) {
        this.stats = stats;
        this.settings = settings;
        this.config = config;
        this.constraints = constraints;
        this.expectation = expectation;
        this.failover = failover;
    }

    @Override
    public Start choose(Job job, RouteRule rule, List<Candidate> fit) {
        long promptTokens = job.inputTokens() + constraints.promptOverheadTokens();
        CellGroup group = CellGroup.of(job.task(), job.language(), promptTokens);
        Map<ModelRef, RoutingCell> cells = comparable(stats.group(group));
        double evidence =
                cells.values().stream().mapToDouble(RoutingCell::evidence).sum();
        String head = "cheapest-per-pass " + group + ": ";
        if (evidence < settings.minEvidence()) {
            return new Start(
                    fit.get(0),
                    head + "fixed tiers until " + number(settings.minEvidence()) + " observations, " + number(evidence)
                            + " so far");
        }
        int rounds = repairRounds(job.task());
        List<StageFigures> stages = new ArrayList<>(fit.size());
        for (Candidate c : fit) {
            stages.add(figures(job, promptTokens, c.ref(), cells.get(c.ref())));
        }
        List<ChainOutlook> outlooks = new ArrayList<>(fit.size());
        for (int i = 0; i < fit.size(); i++) {
            int end = Math.min(fit.size(), i + 1 + failover.maxEscalations());
            outlooks.add(ChainOutlook.of(stages.subList(i, end), rounds));
        }
        int best = best(outlooks);
        int chosen = best;
        String how = "";
        if (fit.size() > 1 && draw(job, 0) < settings.explorationShare()) {
            chosen = thinnest(fit, cells, best);
            how = "exploration (" + percent(settings.explorationShare()) + " of jobs, the model with the fewest"
                    + " observations) instead of the best, " + fit.get(best).ref() + "; ";
        } else if (outlooks.get(best).startPass() < settings.minPassRate()) {
            how = "no model passes " + pass(settings.minPassRate()) + ", so the one that passes most; ";
        }
        StringBuilder why =
                new StringBuilder(head).append(how).append(figures(outlooks.get(chosen), stages.get(chosen)));
        for (int i = 0; i < fit.size(); i++) {
            if (i != chosen) {
                why.append(" vs ").append(fit.get(i).ref()).append(' ').append(figures(outlooks.get(i), stages.get(i)));
            }
        }
        return new Start(fit.get(chosen), why.toString());
    }

    /**
     * Where an exploring job starts: the model other than the best whose figures are thinnest (fewest decayed
     * observations; on a tie the earlier in the chain, which is the cheaper tier). Exploring is for keeping figures
     * current, so it goes where they are weakest — not at random, which would keep paying for the priciest model of
     * the chain although its figures are already firm (escalations alone feed them).
     */
    private static int thinnest(List<Candidate> fit, Map<ModelRef, RoutingCell> cells, int best) {
        int chosen = -1;
        double least = Double.MAX_VALUE;
        for (int i = 0; i < fit.size(); i++) {
            RoutingCell cell = cells.get(fit.get(i).ref());
            double evidence = cell == null ? 0 : cell.evidence();
            if (i != best && evidence < least) {
                chosen = i;
                least = evidence;
            }
        }
        return chosen;
    }

    /** The cheapest start per pass among those whose own stage passes enough; else the one that passes most. */
    private int best(List<ChainOutlook> outlooks) {
        int best = -1;
        for (int i = 0; i < outlooks.size(); i++) {
            ChainOutlook o = outlooks.get(i);
            if (o.startPass() >= settings.minPassRate()
                    && (best < 0 || o.dollarsPerPass() < outlooks.get(best).dollarsPerPass())) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        best = 0;
        for (int i = 1; i < outlooks.size(); i++) {
            if (outlooks.get(i).startPass() > outlooks.get(best).startPass()) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The group's cells brought to one time — its newest observation — so that a model nobody has tried lately weighs
     * less than one tried today. Not the wall clock: routing depends on the figures alone.
     */
    private Map<ModelRef, RoutingCell> comparable(Map<ModelRef, RoutingCell> cells) {
        Instant newest = null;
        for (RoutingCell c : cells.values()) {
            if (c.asOf() != null && (newest == null || c.asOf().isAfter(newest))) {
                newest = c.asOf();
            }
        }
        if (newest == null) {
            return cells;
        }
        Map<ModelRef, RoutingCell> aged = new HashMap<>();
        for (Map.Entry<ModelRef, RoutingCell> e : cells.entrySet()) {
            aged.put(e.getKey(), e.getValue().agedTo(newest, settings.halfLife()));
        }
        return aged;
    }

    private StageFigures figures(Job job, long promptTokens, ModelRef model, RoutingCell cell) {
        Tries first = cell == null ? Tries.NONE : cell.first();
        Tries repair = cell == null ? Tries.NONE : cell.repair();
        Price price = config.price(model);
        long output = expectation.expectedOutput(job.task(), job.inputTokens(), job.maxOutputTokens());
        double firstCost = costKnown(first) ? first.meanCostUsd() : dollars(price, promptTokens, output);
        // A repair prompt carries the previous test and its diagnostics besides the unit.
        double repairCost = costKnown(repair) ? repair.meanCostUsd() : dollars(price, promptTokens + output, output);
        double firstPass = first.passRate(settings.prior());
        // Without repair evidence a model is assumed to repair as well as it first tries, not at the prior's 1 in 2: a
        // model failing most first tries would otherwise look rescued by repairs nobody has seen.
        double repairPass = new PassPrior(firstPass, settings.prior().weight()).rate(repair.passes(), repair.tries());
        return new StageFigures(
                model, firstPass, repairPass, firstCost, repairCost, cell == null ? 0 : cell.evidence());
    }

    private boolean costKnown(Tries tries) {
        return tries.tries() > 0 && tries.tries() >= settings.minCostTries();
    }

    private static double dollars(Price price, long inputTokens, long outputTokens) {
        return price.estimate(inputTokens, outputTokens).toBigDecimal().doubleValue();
    }

    /** Repair rounds a stage has: the configured rounds for a rejected test, the one review round for a document. */
    private int repairRounds(TaskType task) {
        return task == TaskType.TESTS ? failover.repairRounds() : 1;
    }

    /** A uniform draw in [0, 1) from the job's identity: the same job always draws the same. */
    private static double draw(Job job, long stream) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (job.runId() + '/' + job.jobId()).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h += stream * 0x9e3779b97f4a7c15L;
        // splitmix64's finaliser: FNV's low bits alone are not uniform enough for a 5 % share
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** {@code $0.0011/pass (pass 0.82, n=57)}; a start below {@code minPassRate} shows it ({@code pass 0.31 < 0.50}). */
    private String figures(ChainOutlook outlook, StageFigures stage) {
        String perPass = Double.isInfinite(outlook.dollarsPerPass())
                ? "no pass expected"
                : "$"
                        + new BigDecimal(outlook.dollarsPerPass())
                                .round(new MathContext(2))
                                .stripTrailingZeros()
                                .toPlainString()
                        + "/pass";
        String below = outlook.startPass() < settings.minPassRate() ? " < " + pass(settings.minPassRate()) : "";
        return perPass + " (pass " + pass(outlook.startPass()) + below + ", n=" + Math.round(stage.evidence()) + ")";
    }

    private static String pass(double rate) {
        return String.format(Locale.ROOT, "%.2f", rate);
    }

    private static String percent(double share) {
        return new BigDecimal(share * 100)
                        .round(new MathContext(2))
                        .stripTrailingZeros()
                        .toPlainString() + " %";
    }

    private static String number(double value) {
        return new BigDecimal(value)
                .round(new MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }
}
