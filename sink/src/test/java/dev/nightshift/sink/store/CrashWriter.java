package dev.nightshift.sink.store;

import dev.nightshift.core.usage.Usage;
import dev.nightshift.sink.Fixtures;
import dev.nightshift.sink.apply.BatchApplier;
import dev.nightshift.sink.apply.Incoming;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * A child process for {@link CrashConsistencyIT}: writes batches of {@value #BATCH} results to a store
 * through the sink's real write path, forever, printing "committed N" after each durable batch, until
 * the test kills it with SIGKILL.
 */
public final class CrashWriter {
    static final int BATCH = 25;

    private CrashWriter() {}

    public static void main(String[] args) {
        SinkStore store = SinkStore.open(Path.of(args[0]));
        BatchApplier applier = new BatchApplier(store, InstantSource.system());
        String run = args[1];
        for (int n = 1; ; n++) {
            List<Incoming> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                int job = n * BATCH + i;
                batch.add(new Incoming.Event(Fixtures.success(
                        run, "j" + job, 1, "f" + job + ".py", Usage.of(1000 + job, job % 7, 0, 300 + job % 11))));
            }
            applier.apply(batch);
            System.out.println("committed " + n);
            System.out.flush();
        }
    }
}
