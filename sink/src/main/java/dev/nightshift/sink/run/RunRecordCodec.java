package dev.nightshift.sink.run;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.run.RunPlanned.SkippedFile;
import dev.nightshift.sink.store.BinaryCodec;
import dev.nightshift.sink.store.BinaryIn;
import dev.nightshift.sink.store.BinaryOut;
import java.util.ArrayList;
import java.util.List;

/**
 * A run record in the store, rewritten by every batch that carries one of the run's results.
 *
 * <p>Format 9 (current) is format 8 followed by the run's latest {@link RunControl}, if any. Format 8 is format 4
 * followed by the run's {@link TestTotals}. Records of formats 4 and 8 still read (no test totals, nobody stopped the
 * run).
 */
public final class RunRecordCodec extends BinaryCodec<RunRecord> {
    static final int V1 = 4;
    static final int V2 = 8;
    static final int V3 = 9;

    public RunRecordCodec() {
        super(RunRecord.class, V3, V2, V1);
    }

    @Override
    public byte[] write(RunRecord r) {
        JobCounts c = r.counts();
        BinaryOut out = out().string(r.runId())
                .string(r.tenant())
                .string(r.repository())
                .string(r.commit())
                .enumName(r.task())
                .bool(r.simulated())
                .bool(r.planned())
                .varLong(r.total())
                .varLong(c.succeeded())
                .varLong(c.failed())
                .varLong(c.deadLettered())
                .varLong(c.cancelled())
                .varLong(r.skipped().size());
        for (SkippedFile s : r.skipped()) {
            out.string(s.path()).string(s.reason());
        }
        out.varLong(r.attempts())
                .varLong(r.servedFromCache())
                .instant(r.plannedAt())
                .instant(r.firstResultAt())
                .instant(r.lastResultAt())
                .instant(r.completedAt())
                .money(r.maxCost());
        TestTotals t = r.tests();
        out.varLong(t.repaired())
                .varLong(t.escalated())
                .varLong(t.linesTotal())
                .varLong(t.linesBefore())
                .varLong(t.linesAfter())
                .varLong(t.branchesTotal())
                .varLong(t.branchesBefore())
                .varLong(t.branchesAfter());
        RunControl control = r.control();
        out.bool(control != null);
        if (control != null) {
            out.enumName(control.action())
                    .varLong(control.generation())
                    .instant(control.at())
                    .string(control.reason());
        }
        return out.toBytes();
    }

    @Override
    public RunRecord read(byte[] bytes) {
        BinaryIn in = new BinaryIn(bytes, "run record");
        String runId = in.string();
        String tenant = in.string();
        String repository = in.string();
        String commit = in.string();
        TaskType task = in.enumName(TaskType.class);
        boolean simulated = in.bool();
        boolean planned = in.bool();
        long total = in.varLong();
        JobCounts counts = new JobCounts(in.varLong(), in.varLong(), in.varLong(), in.varLong());
        int skippedCount = in.varInt();
        List<SkippedFile> skipped = new ArrayList<>(Math.min(skippedCount, 1024));
        for (int i = 0; i < skippedCount; i++) {
            skipped.add(new SkippedFile(in.string(), in.string()));
        }
        RunRecord v1 = new RunRecord(
                runId,
                tenant,
                repository,
                commit,
                task,
                simulated,
                planned,
                total,
                counts,
                skipped,
                in.varLong(),
                in.varLong(),
                in.instant(),
                in.instant(),
                in.instant(),
                in.instant(),
                in.money());
        if (in.format() == V1) {
            return v1;
        }
        RunRecord v2 = v1.withTests(new TestTotals(
                in.varLong(),
                in.varLong(),
                in.varLong(),
                in.varLong(),
                in.varLong(),
                in.varLong(),
                in.varLong(),
                in.varLong()));
        if (in.format() == V2 || !in.bool()) {
            return v2;
        }
        return v2.withControl(
                new RunControl(runId, in.enumName(RunControl.Action.class), in.varInt(), in.instant(), in.string()));
    }
}
