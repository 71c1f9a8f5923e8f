package dev.nightshift.sink.ledger;

import dev.nightshift.core.attempt.AttemptResult;
import dev.nightshift.core.attempt.FailureClass;
import dev.nightshift.core.attempt.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.usage.Usage;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One attempt in the cost ledger, written once under (runId, jobId, attempt). Failed attempts that the
 * provider billed are entries like any other: their cost is what the worker priced from the reported usage.
 *
 * @param model      {@code provider/model}
 * @param billed     true when the attempt cost money (a billed failure is still billed)
 * @param recordedAt when the sink stored the entry
 */
public record LedgerEntry(String runId, String tenant, String repository, String commit, TaskType task,
                          String jobId, String unitPath, int attempt, String provider, String model,
                          String routingReason, Usage usage, String priceTableVersion, Money cost, long latencyMs,
                          Outcome outcome, FailureClass failureClass, String failureReason, String finishReason,
                          Instant startedAt, Instant finishedAt, Instant recordedAt, boolean simulated,
                          boolean terminal, boolean billed) {

    public static LedgerEntry from(AttemptResult r, Instant recordedAt) {
        String tenant = r.tenant() == null || r.tenant().isBlank() ? "default" : r.tenant();
        return new LedgerEntry(r.runId(), tenant, nullToEmpty(r.repository()), nullToEmpty(r.commit()), r.task(),
                r.jobId(), nullToEmpty(r.unitPath()), r.attempt(), nullToEmpty(r.provider()),
                qualifiedModel(r.provider(), r.model()), nullToEmpty(r.routingReason()), r.usage(),
                nullToEmpty(r.priceTableVersion()), r.cost(), r.latencyMs(), r.outcome(), r.failureClass(),
                r.failureReason(), r.finishReason(), r.startedAt(), r.finishedAt(), recordedAt, r.simulated(),
                r.terminal(), !r.cost().isZero());
    }

    /** Models are reported as {@code provider/model}; a bare model name is qualified with its provider. */
    public static String qualifiedModel(String provider, String model) {
        String m = nullToEmpty(model);
        String p = nullToEmpty(provider);
        if (p.isEmpty() || m.startsWith(p + "/")) {
            return m;
        }
        return m.isEmpty() ? p : p + "/" + m;
    }

    /** The UTC day the attempt is accounted to: when it finished, else started, else was recorded. */
    public LocalDate day() {
        return LocalDate.ofEpochDay(epochDay());
    }

    /** {@link #day()} as days since 1970-01-01, without building a date. */
    public long epochDay() {
        Instant at = finishedAt != null ? finishedAt : startedAt != null ? startedAt : recordedAt;
        return Math.floorDiv(at.getEpochSecond(), 86_400L);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
