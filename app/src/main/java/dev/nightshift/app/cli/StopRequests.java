package dev.nightshift.app.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C while a run is going: the first asks the run to stop (the calls under way finish, nothing new starts, the run
 * is left interrupted to be resumed); the second aborts at once. The JVM's own handling of SIGINT (shutdown hooks, then
 * exit) would lose the first choice, so the signal is taken over while the run lasts and given back afterwards.
 */
public final class StopRequests implements AutoCloseable {
    /** The exit code of a process ended by SIGINT, as shells report it (128 + 2). */
    public static final int EXIT_CODE = 130;
    private static final Signal INT = new Signal("INT");

    private final AtomicInteger requests = new AtomicInteger();
    private final SignalHandler previous;

    private StopRequests(PrintStream err) {
        this.previous = Signal.handle(INT, signal -> {
            if (requests.incrementAndGet() == 1) {
                err.println();
                err.println("stopping: the calls under way finish, no new ones start (Ctrl-C again to abort at once) …");
            } else {
                err.println();
                err.println("aborted.");
                err.flush();
                Runtime.getRuntime().halt(EXIT_CODE);
            }
        });
    }

    /** Takes over Ctrl-C until {@link #close()}. */
    public static StopRequests install(PrintStream err) {
        return new StopRequests(err);
    }

    /** Whether someone pressed Ctrl-C (or sent SIGINT) since {@link #install}. */
    public boolean requested() {
        return requests.get() > 0;
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
