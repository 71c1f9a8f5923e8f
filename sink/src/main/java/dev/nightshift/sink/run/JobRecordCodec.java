package dev.nightshift.sink.run;

import dev.nightshift.core.attempt.FailureClass;
import dev.nightshift.core.job.JobState;
import dev.nightshift.sink.store.BinaryCodec;
import dev.nightshift.sink.store.BinaryIn;

/** A job record in the store, rewritten with every attempt of the job: compact and cheap to encode. */
public final class JobRecordCodec extends BinaryCodec<JobRecord> {
    public JobRecordCodec() {
        super(JobRecord.class, 2);
    }

    @Override
    public byte[] write(JobRecord j) {
        return out()
                .string(j.runId()).string(j.jobId()).string(j.unitPath()).enumName(j.state()).bool(j.inPlan())
                .varLong(j.attempts()).varLong(j.lastAttempt()).money(j.cost()).string(j.model())
                .enumName(j.failureClass()).string(j.reason()).string(j.contentKey()).bool(j.fromCache())
                .instant(j.updatedAt()).varLong(j.attemptsSeen())
                .toBytes();
    }

    @Override
    public JobRecord read(byte[] bytes) {
        BinaryIn in = new BinaryIn(bytes, "job record");
        return new JobRecord(in.string(), in.string(), in.string(), in.enumName(JobState.class), in.bool(), in.varInt(),
                in.varInt(), in.money(), in.string(), in.enumName(FailureClass.class), in.string(), in.string(),
                in.bool(), in.instant(), in.varLong());
    }
}
