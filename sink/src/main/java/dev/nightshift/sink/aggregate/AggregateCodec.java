package dev.nightshift.sink.aggregate;

import dev.nightshift.sink.store.BinaryCodec;
import dev.nightshift.sink.store.BinaryIn;

/** An aggregate in the store: rewritten by every batch that touches its group. */
public final class AggregateCodec extends BinaryCodec<Aggregate> {
    public AggregateCodec() {
        super(Aggregate.class, 3);
    }

    @Override
    public byte[] write(Aggregate a) {
        return out().varLong(a.attempts()).varLong(a.failedAttempts()).varLong(a.billedFailedAttempts())
                .varLong(a.uncachedInput()).varLong(a.cacheReadInput()).varLong(a.cacheWriteInput()).varLong(a.output())
                .money(a.cost()).toBytes();
    }

    @Override
    public Aggregate read(byte[] bytes) {
        BinaryIn in = new BinaryIn(bytes, "aggregate");
        return new Aggregate(in.varLong(), in.varLong(), in.varLong(), in.varLong(), in.varLong(), in.varLong(),
                in.varLong(), in.money());
    }
}
