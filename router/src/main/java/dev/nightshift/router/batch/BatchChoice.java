package dev.nightshift.router.batch;

import dev.nightshift.core.batch.BatchTurnarounds;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Whether a job sent to a model goes to the provider's batch API or is called synchronously: to a batch when its run
 * has a deadline, the provider allows batches ({@code batch.enabled}), and everything that must still happen to the job
 * fits before the deadline if each step takes a batch's turnaround:
 *
 * <pre>now + roundsAhead × (turnaround(provider) + validation) + margin ≤ deadline</pre>
 *
 * <p>{@code turnaround} is the provider's observed batch turnaround ({@link BatchTurnarounds}), {@code roundsAhead} what
 * is left of the job's route once this call answers ({@link #roundsAhead}), {@code validation} the most a test's
 * judging takes (each candidate run {@code validation.runs} times within {@code validation.testTimeoutSeconds}; none for
 * documentation). A job that does not fit is called synchronously, as without a deadline: a late result costs more than
 * the batch discount saves. Pure apart from the turnarounds it reads.
 */
public final class BatchChoice {
    /** Room kept before the deadline for what no figure covers: the worker's collecting, the sink, a late poll. */
    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(15);

    private final NightshiftConfig config;
    private final BatchTurnarounds turnarounds;
    private final int repairRounds;
    private final Duration margin;

    /**
     * @param repairRounds the repair rounds a rejected test gets on its model (the router's {@code failover.repairRounds})
     * @param margin       kept free before the deadline
     */
    public BatchChoice(NightshiftConfig config, BatchTurnarounds turnarounds, int repairRounds, Duration margin) {
        this.config = config;
        this.turnarounds = turnarounds;
        this.repairRounds = repairRounds;
        this.margin = Objects.requireNonNull(margin, "margin");
        if (repairRounds < 0 || margin.isNegative()) {
            throw new IllegalArgumentException(
                    "repair rounds and margin cannot be negative, got " + repairRounds + " and " + margin);
        }
    }

    /**
     * The tier of one call.
     *
     * @param level          a documentation job's level ({@code null} for a test job)
     * @param repairsOnModel the repair rounds the model has already had for the job (0 for a first try)
     * @param deadline       the run's deadline, {@code null} for none
     */
    public Decision decide(
            TaskType task, DocLevel level, ModelRef model, int repairsOnModel, Instant deadline, Instant now) {
        if (deadline == null) {
            return Decision.NO_DEADLINE;
        }
        if (!config.batchAllowed(model)) {
            return new Decision(
                    ServiceTier.STANDARD, "synchronous: provider " + model.provider() + " has no batch lane");
        }
        int rounds = roundsAhead(task, level, repairRounds, repairsOnModel);
        Duration turnaround = turnarounds.of(model.provider());
        Duration perRound = turnaround.plus(task == TaskType.TESTS ? validation() : Duration.ZERO);
        Instant done = now.plus(perRound.multipliedBy(rounds)).plus(margin);
        String figures = rounds + (rounds == 1 ? " round" : " rounds") + " × " + minutes(perRound) + " ("
                + (turnarounds.observed(model.provider()) ? "observed" : "expected") + " turnaround "
                + minutes(turnaround) + (task == TaskType.TESTS ? " + validation" : "") + ") + "
                + minutes(margin) + " margin";
        if (done.isAfter(deadline)) {
            return new Decision(
                    ServiceTier.STANDARD,
                    "synchronous: " + figures + " would end " + at(done) + ", after the deadline " + at(deadline));
        }
        return new Decision(
                ServiceTier.BATCH,
                "batch: " + figures + " end by " + at(done) + ", before the deadline " + at(deadline));
    }

    /**
     * The batch turnarounds a job may still need, this call's included: a test job's answer is judged and, rejected,
     * repaired on the same model up to {@code repairRounds} times, each repair a call of its own; a file's document comes
     * before its folder's summary, which comes before the repository's architecture document (each level a call made
     * once the level below has answered); a folder's summary before the architecture document.
     */
    public static int roundsAhead(TaskType task, DocLevel level, int repairRounds, int repairsOnModel) {
        if (task == TaskType.TESTS) {
            return 1 + Math.max(0, repairRounds - repairsOnModel);
        }
        if (level == null) {
            return 1;
        }
        return switch (level) {
            case FILE -> 3;
            case FOLDER -> 2;
            case REPOSITORY -> 1;
        };
    }

    /** The longest a test's judging takes: every run of the candidate at its timeout. */
    private Duration validation() {
        return config.validation()
                .testTimeout()
                .multipliedBy(config.validation().runs());
    }

    private static String minutes(Duration d) {
        long m = (d.toSeconds() + 59) / 60;
        return m % 60 == 0 && m > 0 ? (m / 60) + " h" : m + " min";
    }

    private static String at(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The tier and why; {@code reason} is empty for a run without a deadline (routing as it always was). */
    public record Decision(ServiceTier tier, String reason) {
        static final Decision NO_DEADLINE = new Decision(ServiceTier.STANDARD, "");

        public Decision {
            Objects.requireNonNull(tier, "tier");
            reason = reason == null ? "" : reason;
        }

        public boolean batch() {
            return tier == ServiceTier.BATCH;
        }
    }
}
