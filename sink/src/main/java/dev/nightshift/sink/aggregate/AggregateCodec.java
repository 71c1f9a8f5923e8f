package dev.nightshift.sink.aggregate;

import dev.nightshift.core.money.Money;
import dev.nightshift.sink.store.BinaryCodec;
import dev.nightshift.sink.store.BinaryIn;
import dev.nightshift.sinkapi.aggregate.Aggregate;
import dev.nightshift.sinkapi.aggregate.TestCounts;

/**
 * An aggregate in the store: rewritten by every batch that touches its group.
 *
 * <p>Format 7 (current) is format 3 followed by the test counts per verdict and the test dollars. Aggregates of
 * format 3, kept before tests were validated, still read (no tests).
 */
public final class AggregateCodec extends BinaryCodec<Aggregate> {
    static final int V1 = 3;
    static final int V2 = 7;

    public AggregateCodec() {
        super(Aggregate.class, V2, V1);
    }

    @Override
    public byte[] write(Aggregate a) {
        TestCounts t = a.tests();
        return out().varLong(a.attempts())
                .varLong(a.failedAttempts())
                .varLong(a.billedFailedAttempts())
                .varLong(a.uncachedInput())
                .varLong(a.cacheReadInput())
                .varLong(a.cacheWriteInput())
                .varLong(a.output())
                .money(a.cost())
                .varLong(t.passed())
                .varLong(t.noGain())
                .varLong(t.buildFailed())
                .varLong(t.failed())
                .varLong(t.flaky())
                .varLong(t.timeout())
                .varLong(t.sandboxViolation())
                .varLong(t.infrastructure())
                .money(t.usd())
                .toBytes();
    }

    @Override
    public Aggregate read(byte[] bytes) {
        BinaryIn in = new BinaryIn(bytes, "aggregate");
        long attempts = in.varLong();
        long failed = in.varLong();
        long billedFailed = in.varLong();
        long uncached = in.varLong();
        long cacheRead = in.varLong();
        long cacheWrite = in.varLong();
        long output = in.varLong();
        Money cost = in.money();
        TestCounts tests = in.format() == V1
                ? TestCounts.NONE
                : new TestCounts(
                        in.varLong(),
                        in.varLong(),
                        in.varLong(),
                        in.varLong(),
                        in.varLong(),
                        in.varLong(),
                        in.varLong(),
                        in.varLong(),
                        in.money());
        return new Aggregate(attempts, failed, billedFailed, uncached, cacheRead, cacheWrite, output, cost, tests);
    }
}
