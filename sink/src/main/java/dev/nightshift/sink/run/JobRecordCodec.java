package dev.nightshift.sink.run;

import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.core.validation.Verdict;
import dev.nightshift.sink.store.BinaryCodec;
import dev.nightshift.sink.store.BinaryIn;
import dev.nightshift.sink.store.BinaryOut;
import dev.nightshift.sinkapi.run.JobRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A job record in the store, rewritten with every attempt of the job: compact and cheap to encode.
 *
 * <p>Format 6 (current) is format 2 followed by the test target, the first attempt and its model, the number of
 * rejected tests and the last verdict. Records of format 2, written before tests were validated, still read.
 */
public final class JobRecordCodec extends BinaryCodec<JobRecord> {
    static final int V1 = 2;
    static final int V2 = 6;

    public JobRecordCodec() {
        super(JobRecord.class, V2, V1);
    }

    @Override
    public byte[] write(JobRecord j) {
        BinaryOut out = out().string(j.runId())
                .string(j.jobId())
                .string(j.unitPath())
                .enumName(j.state())
                .bool(j.inPlan())
                .varLong(j.attempts())
                .varLong(j.lastAttempt())
                .money(j.cost())
                .string(j.model())
                .enumName(j.failureClass())
                .string(j.reason())
                .string(j.contentKey())
                .bool(j.fromCache())
                .instant(j.updatedAt())
                .varLong(j.attemptsSeen());
        TestTarget t = j.testTarget();
        out.bool(t != null);
        if (t != null) {
            out.string(t.path())
                    .string(t.name())
                    .enumName(t.framework())
                    .string(t.sourcePath())
                    .string(t.imports())
                    .varLong(t.libraries().size());
            t.libraries().forEach(out::string);
            out.string(t.mergeInto()).varLong(t.part()).varLong(t.parts());
        }
        return out.varLong(j.firstAttempt())
                .string(j.firstModel())
                .varLong(j.rejections())
                .enumName(j.verdict())
                .toBytes();
    }

    @Override
    public JobRecord read(byte[] bytes) {
        BinaryIn in = new BinaryIn(bytes, "job record");
        JobRecord v1 = new JobRecord(
                in.string(),
                in.string(),
                in.string(),
                in.enumName(JobState.class),
                in.bool(),
                in.varInt(),
                in.varInt(),
                in.money(),
                in.string(),
                in.enumName(FailureClass.class),
                in.string(),
                in.string(),
                in.bool(),
                in.instant(),
                in.varLong());
        if (in.format() == V1) {
            return v1;
        }
        TestTarget target = null;
        if (in.bool()) {
            String path = in.string();
            String name = in.string();
            TestFramework framework = in.enumName(TestFramework.class);
            String sourcePath = in.string();
            String imports = in.string();
            int n = in.varInt();
            List<String> libraries = new ArrayList<>(Math.min(n, 64));
            for (int i = 0; i < n; i++) {
                libraries.add(in.string());
            }
            target = new TestTarget(
                    path, name, framework, sourcePath, imports, libraries, in.string(), in.varInt(), in.varInt());
        }
        return new JobRecord(
                v1.runId(),
                v1.jobId(),
                v1.unitPath(),
                v1.state(),
                v1.inPlan(),
                v1.attempts(),
                v1.lastAttempt(),
                v1.cost(),
                v1.model(),
                v1.failureClass(),
                v1.reason(),
                v1.contentKey(),
                v1.fromCache(),
                v1.updatedAt(),
                v1.attemptsSeen(),
                target,
                in.varInt(),
                in.string(),
                in.varInt(),
                in.enumName(Verdict.class));
    }
}
