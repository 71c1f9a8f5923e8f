package dev.nightshift.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C taken over while a run lasts. The signal is real: SIGINT raised in this JVM, which would end the tests
 * were it not taken over. {@code sun.misc} is reached through reflection, as in {@link StopRequests}.
 */
class StopRequestsTest {
    @Test
    void theFirstCtrlCAsksTheRunToStopAndTheProcessGoesOn() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (StopRequests stops = StopRequests.install(err)) {
            assertThat(stops.requested()).isFalse();

            Signals.raiseInterrupt();

            // The JVM runs signal handlers on a thread of their own: wait for it.
            await().atMost(Duration.ofSeconds(10)).until(stops::requested);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("stopping: the calls under way finish");
    }

    @Test
    void closingGivesBackTheHandlerThatWasThere() throws Exception {
        Object before = Signals.noOpHandler();
        Object original = Signals.handleInterrupt(before);
        try {
            StopRequests.install(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .close();

            assertThat(Signals.handleInterrupt(original)).isSameAs(before);
        } finally {
            Signals.handleInterrupt(original);
        }
    }

    private static final class Signals {
        private static Object interrupt() throws ReflectiveOperationException {
            return Class.forName("sun.misc.Signal").getConstructor(String.class).newInstance("INT");
        }

        static void raiseInterrupt() throws ReflectiveOperationException {
            Class<?> signal = Class.forName("sun.misc.Signal");
            signal.getMethod("raise", signal).invoke(null, interrupt());
        }

        static Object handleInterrupt(Object handler) throws ReflectiveOperationException {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Method handle = signal.getMethod("handle", signal, Class.forName("sun.misc.SignalHandler"));
            return handle.invoke(null, interrupt(), handler);
        }

        static Object noOpHandler() throws ClassNotFoundException {
            Class<?>[] handlerType = {Class.forName("sun.misc.SignalHandler")};
            return Proxy.newProxyInstance(
                    StopRequestsTest.class.getClassLoader(),
                    handlerType,
                    (proxy, method, args) -> switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "no-op SIGINT handler";
                        default -> null;
                    });
        }
    }
}
