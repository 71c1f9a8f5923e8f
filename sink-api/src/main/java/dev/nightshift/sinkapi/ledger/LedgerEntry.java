package dev.nightshift.sinkapi.ledger;

import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Coverage;
import dev.nightshift.core.validation.Validation;
import dev.nightshift.core.validation.Verdict;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One attempt in the cost ledger, written once under (runId, jobId, attempt). Failed attempts that the
 * provider billed are entries like any other: their cost is what the worker priced from the reported usage.
 *
 * @param model          {@code provider/model}
 * @param billed         true when the attempt cost money (a billed failure is still billed)
 * @param recordedAt     when the sink stored the entry
 * @param language       the unit's language id; empty for entries recorded before languages were kept
 * @param verdict        the validator's verdict on the attempt's test; {@code null} when nothing was validated
 *                       (documentation, a failed call, entries recorded before validation)
 * @param linesGained    lines of the target file the test covers that the existing suite does not; {@code null}
 *                       without a verdict
 * @param branchesGained the same for branches
 * @param docs           the review of the attempt's document (completeness, unknown names, Markdown, truncation,
 *                       size); {@code null} when nothing was reviewed (tests, failed calls, older entries)
 * @param serviceTier    the tier the call was billed at: standard (synchronous) or batch (a provider batch, at the
 *                       batch price); standard for entries recorded before tiers were kept
 */
public record LedgerEntry(
        String runId,
        String tenant,
        String repository,
        String commit,
        TaskType task,
        String jobId,
        String unitPath,
        int attempt,
        String provider,
        String model,
        String routingReason,
        Usage usage,
        String priceTableVersion,
        Money cost,
        long latencyMs,
        Outcome outcome,
        FailureClass failureClass,
        String failureReason,
        String finishReason,
        Instant startedAt,
        Instant finishedAt,
        Instant recordedAt,
        boolean simulated,
        boolean terminal,
        boolean billed,
        String language,
        Verdict verdict,
        Integer linesGained,
        Integer branchesGained,
        DocsReview docs,
        ServiceTier serviceTier) {

    public LedgerEntry {
        language = language == null ? "" : language;
        serviceTier = serviceTier == null ? ServiceTier.STANDARD : serviceTier;
    }

    /** A synchronous call's entry. */
    public LedgerEntry(
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            String jobId,
            String unitPath,
            int attempt,
            String provider,
            String model,
            String routingReason,
            Usage usage,
            String priceTableVersion,
            Money cost,
            long latencyMs,
            Outcome outcome,
            FailureClass failureClass,
            String failureReason,
            String finishReason,
            Instant startedAt,
            Instant finishedAt,
            Instant recordedAt,
            boolean simulated,
            boolean terminal,
            boolean billed,
            String language,
            Verdict verdict,
            Integer linesGained,
            Integer branchesGained,
            DocsReview docs) {
        this(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobId,
                unitPath,
                attempt,
                provider,
                model,
                routingReason,
                usage,
                priceTableVersion,
                cost,
                latencyMs,
                outcome,
                failureClass,
                failureReason,
                finishReason,
                startedAt,
                finishedAt,
                recordedAt,
                simulated,
                terminal,
                billed,
                language,
                verdict,
                linesGained,
                branchesGained,
                docs,
                ServiceTier.STANDARD);
    }

    /** This entry as billed on {@code tier}. */
    public LedgerEntry onTier(ServiceTier tier) {
        return new LedgerEntry(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobId,
                unitPath,
                attempt,
                provider,
                model,
                routingReason,
                usage,
                priceTableVersion,
                cost,
                latencyMs,
                outcome,
                failureClass,
                failureReason,
                finishReason,
                startedAt,
                finishedAt,
                recordedAt,
                simulated,
                terminal,
                billed,
                language,
                verdict,
                linesGained,
                branchesGained,
                docs,
                tier);
    }

    /** An entry without a document review. */
    public LedgerEntry(
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            String jobId,
            String unitPath,
            int attempt,
            String provider,
            String model,
            String routingReason,
            Usage usage,
            String priceTableVersion,
            Money cost,
            long latencyMs,
            Outcome outcome,
            FailureClass failureClass,
            String failureReason,
            String finishReason,
            Instant startedAt,
            Instant finishedAt,
            Instant recordedAt,
            boolean simulated,
            boolean terminal,
            boolean billed,
            String language,
            Verdict verdict,
            Integer linesGained,
            Integer branchesGained) {
        this(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobId,
                unitPath,
                attempt,
                provider,
                model,
                routingReason,
                usage,
                priceTableVersion,
                cost,
                latencyMs,
                outcome,
                failureClass,
                failureReason,
                finishReason,
                startedAt,
                finishedAt,
                recordedAt,
                simulated,
                terminal,
                billed,
                language,
                verdict,
                linesGained,
                branchesGained,
                null);
    }

    /** An entry without validation figures (documentation, failed calls), as entries were before validation. */
    public LedgerEntry(
            String runId,
            String tenant,
            String repository,
            String commit,
            TaskType task,
            String jobId,
            String unitPath,
            int attempt,
            String provider,
            String model,
            String routingReason,
            Usage usage,
            String priceTableVersion,
            Money cost,
            long latencyMs,
            Outcome outcome,
            FailureClass failureClass,
            String failureReason,
            String finishReason,
            Instant startedAt,
            Instant finishedAt,
            Instant recordedAt,
            boolean simulated,
            boolean terminal,
            boolean billed) {
        this(
                runId,
                tenant,
                repository,
                commit,
                task,
                jobId,
                unitPath,
                attempt,
                provider,
                model,
                routingReason,
                usage,
                priceTableVersion,
                cost,
                latencyMs,
                outcome,
                failureClass,
                failureReason,
                finishReason,
                startedAt,
                finishedAt,
                recordedAt,
                simulated,
                terminal,
                billed,
                "",
                null,
                null,
                null,
                null);
    }

    public static LedgerEntry from(AttemptResult r, Instant recordedAt) {
        String tenant = r.tenant() == null || r.tenant().isBlank() ? "default" : r.tenant();
        Validation v = r.validation();
        Coverage c = v == null ? null : v.coverage();
        return new LedgerEntry(
                r.runId(),
                tenant,
                nullToEmpty(r.repository()),
                nullToEmpty(r.commit()),
                r.task(),
                r.jobId(),
                nullToEmpty(r.unitPath()),
                r.attempt(),
                nullToEmpty(r.provider()),
                qualifiedModel(r.provider(), r.model()),
                nullToEmpty(r.routingReason()),
                r.usage(),
                nullToEmpty(r.priceTableVersion()),
                r.cost(),
                r.latencyMs(),
                r.outcome(),
                r.failureClass(),
                r.failureReason(),
                r.finishReason(),
                r.startedAt(),
                r.finishedAt(),
                recordedAt,
                r.simulated(),
                r.terminal(),
                !r.cost().isZero(),
                nullToEmpty(r.language()),
                v == null ? null : v.verdict(),
                c == null ? null : c.linesGained(),
                c == null ? null : c.branchesGained(),
                r.docsReview(),
                r.serviceTier());
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
