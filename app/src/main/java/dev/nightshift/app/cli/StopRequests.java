package dev.nightshift.app.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C while a run is going: the first asks the run to stop (the calls under way finish, nothing new starts, the run
 * is left interrupted to be resumed); the second aborts at once. The JVM's own handling of SIGINT (shutdown hooks, then
 * exit) would lose the first choice, so the signal is taken over while the run lasts and given back afterwards.
 */
public final class StopRequests implements AutoCloseable {
    /** The exit code of a process ended by SIGINT, as shells report it (128 + 2). */
    public static final int EXIT_CODE = 130;

    private static final Logger LOG = LoggerFactory.getLogger(StopRequests.class);
    /** {@code null} when this JVM has no {@code sun.misc.Signal}: Ctrl-C is then the JVM's own. */
    private static final Signals SIGNALS = Signals.load();

    private final AtomicInteger requests = new AtomicInteger();
    /** The {@code sun.misc.SignalHandler} taken over, given back on close. */
    private final Object previous;

    private StopRequests(PrintStream err) {
        Runnable onInterrupt = () -> {
            if (requests.incrementAndGet() == 1) {
                err.println();
                err.println(
                        "stopping: the calls under way finish, no new ones start (Ctrl-C again to abort at once) …");
            } else {
                err.println();
                err.println("aborted.");
                err.flush();
                Runtime.getRuntime().halt(EXIT_CODE);
            }
        };
        this.previous = SIGNALS == null ? null : SIGNALS.handleInterrupt(SIGNALS.handler(onInterrupt));
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
        if (SIGNALS != null) {
            SIGNALS.handleInterrupt(previous);
        }
    }

    /**
     * {@code sun.misc.Signal}'s SIGINT and its {@code handle(Signal, SignalHandler)}, reached through reflection: Java
     * has no public API for signals, and javac's warning on this internal one cannot be suppressed, while the build
     * fails on any warning. Behaves as the direct calls did: their exceptions are thrown as they are.
     */
    private record Signals(Object interrupt, Method handle, Class<?> handlerType) {
        static Signals load() {
            Class<?> signal;
            Class<?> handlerType;
            Method handle;
            try {
                signal = Class.forName("sun.misc.Signal");
                handlerType = Class.forName("sun.misc.SignalHandler");
                handle = signal.getMethod("handle", signal, handlerType);
            } catch (ClassNotFoundException | NoSuchMethodException e) {
                LOG.debug("no sun.misc.Signal in this JVM: Ctrl-C is left to the JVM", e);
                return null;
            }
            Object interrupt;
            try {
                interrupt = signal.getConstructor(String.class).newInstance("INT");
            } catch (InvocationTargetException e) {
                throw unchecked(e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create sun.misc.Signal(\"INT\")", e);
            }
            return new Signals(interrupt, handle, handlerType);
        }

        /** A {@code sun.misc.SignalHandler} that runs {@code onSignal}. */
        Object handler(Runnable onSignal) {
            return Proxy.newProxyInstance(
                    StopRequests.class.getClassLoader(), new Class<?>[] {handlerType}, (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return switch (method.getName()) {
                                case "equals" -> proxy == args[0];
                                case "hashCode" -> System.identityHashCode(proxy);
                                default -> "StopRequests' SIGINT handler";
                            };
                        }
                        onSignal.run(); // handle(Signal), the interface's one method
                        return null;
                    });
        }

        /** {@code Signal.handle(INT, handler)}: the handler replaced. */
        Object handleInterrupt(Object handler) {
            try {
                return handle.invoke(null, interrupt, handler);
            } catch (InvocationTargetException e) {
                throw unchecked(e);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call sun.misc.Signal.handle", e);
            }
        }

        /** What the method threw: unchecked, as neither the constructor nor handle declares a checked exception. */
        private static RuntimeException unchecked(InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                return thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            return new IllegalStateException(e.getCause());
        }
    }
}
