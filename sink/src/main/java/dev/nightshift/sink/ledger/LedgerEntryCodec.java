package dev.nightshift.sink.ledger;

import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsReview;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sink.store.BinaryCodec;
import dev.nightshift.sink.store.BinaryIn;
import dev.nightshift.sink.store.BinaryOut;
import dev.nightshift.sinkapi.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger entry in the store: every field, exact, in about a third of the bytes of its JSON.
 *
 * <p>Format 7 (current) is format 6 followed by the service tier. Format 6 is format 5 followed by the document review,
 * if any. Format 5 is format 1 followed by the
 * language, the verdict and the coverage gains. Entries of formats 1 and 5 still read (no gains, no review).
 */
public final class LedgerEntryCodec extends BinaryCodec<LedgerEntry> {
    static final int V1 = 1;
    static final int V2 = 5;
    static final int V3 = 6;
    static final int V4 = 7;

    public LedgerEntryCodec() {
        super(LedgerEntry.class, V4, V3, V2, V1);
    }

    @Override
    public byte[] write(LedgerEntry e) {
        BinaryOut out = out().string(e.runId())
                .string(e.tenant())
                .string(e.repository())
                .string(e.commit())
                .enumName(e.task())
                .string(e.jobId())
                .string(e.unitPath())
                .varLong(e.attempt())
                .string(e.provider())
                .string(e.model())
                .string(e.routingReason());
        Usage u = e.usage();
        out.bool(u != null);
        if (u != null) {
            out.nullableLong(u.uncachedInput())
                    .nullableLong(u.cacheReadInput())
                    .nullableLong(u.cacheWriteInput())
                    .nullableLong(u.output());
        }
        out.string(e.priceTableVersion())
                .money(e.cost())
                .varLong(e.latencyMs())
                .enumName(e.outcome())
                .enumName(e.failureClass())
                .string(e.failureReason())
                .string(e.finishReason())
                .instant(e.startedAt())
                .instant(e.finishedAt())
                .instant(e.recordedAt())
                .bool(e.simulated())
                .bool(e.terminal())
                .bool(e.billed())
                .string(e.language())
                .enumName(e.verdict())
                .nullableInt(e.linesGained())
                .nullableInt(e.branchesGained());
        DocsReview d = e.docs();
        out.bool(d != null);
        if (d != null) {
            out.enumName(d.level()).varLong(d.symbolsExpected());
            strings(out, d.missingSymbols());
            strings(out, d.unknownNames());
            strings(out, d.markdownProblems());
            out.bool(d.truncated()).varLong(d.continuations()).varLong(d.chars());
        }
        out.enumName(e.serviceTier());
        return out.toBytes();
    }

    private static void strings(BinaryOut out, List<String> values) {
        out.varLong(values.size());
        values.forEach(out::string);
    }

    private static List<String> strings(BinaryIn in) {
        int n = in.varInt();
        List<String> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(in.string());
        }
        return out;
    }

    @Override
    public LedgerEntry read(byte[] bytes) {
        BinaryIn in = new BinaryIn(bytes, "ledger entry");
        String runId = in.string();
        String tenant = in.string();
        String repository = in.string();
        String commit = in.string();
        TaskType task = in.enumName(TaskType.class);
        String jobId = in.string();
        String unitPath = in.string();
        int attempt = in.varInt();
        String provider = in.string();
        String model = in.string();
        String routingReason = in.string();
        Usage usage = in.bool()
                ? new Usage(in.nullableLong(), in.nullableLong(), in.nullableLong(), in.nullableLong())
                : null;
        LedgerEntry v1 = new LedgerEntry(
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
                in.string(),
                in.money(),
                in.varLong(),
                in.enumName(Outcome.class),
                in.enumName(FailureClass.class),
                in.string(),
                in.string(),
                in.instant(),
                in.instant(),
                in.instant(),
                in.bool(),
                in.bool(),
                in.bool());
        if (in.format() == V1) {
            return v1;
        }
        String language = in.string();
        Verdict verdict = in.enumName(Verdict.class);
        Integer linesGained = in.nullableInt();
        Integer branchesGained = in.nullableInt();
        DocsReview docs = null;
        if (in.format() >= V3 && in.bool()) {
            docs = new DocsReview(
                    in.enumName(DocLevel.class),
                    in.varInt(),
                    strings(in),
                    strings(in),
                    strings(in),
                    in.bool(),
                    in.varInt(),
                    in.varInt());
        }
        return new LedgerEntry(
                v1.runId(),
                v1.tenant(),
                v1.repository(),
                v1.commit(),
                v1.task(),
                v1.jobId(),
                v1.unitPath(),
                v1.attempt(),
                v1.provider(),
                v1.model(),
                v1.routingReason(),
                v1.usage(),
                v1.priceTableVersion(),
                v1.cost(),
                v1.latencyMs(),
                v1.outcome(),
                v1.failureClass(),
                v1.failureReason(),
                v1.finishReason(),
                v1.startedAt(),
                v1.finishedAt(),
                v1.recordedAt(),
                v1.simulated(),
                v1.terminal(),
                v1.billed(),
                language,
                verdict,
                linesGained,
                branchesGained,
                docs,
                in.format() >= V4 ? in.enumName(ServiceTier.class) : ServiceTier.STANDARD);
    }
}
