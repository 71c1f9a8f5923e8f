package dev.nightshift.simulator;

import dev.nightshift.core.config.ConfigException;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator alone, for demos, benchmarks and fault drills ({@code nightshift simulator}):
 * <pre>
 * --port P        port to listen on (default 8089; 0 = any free port)
 * --host H        interface to listen on (default 127.0.0.1)
 * --config F      nightshift config whose providers, models and prices to serve (default: the bundled one)
 * --script S      simulator script (YAML): latency, token factors, limits, faults per provider
 * --limits        enforce the providers' configured limits
 * --seed N        seed of latency samples and random faults
 * </pre>
 * Prints one line per provider with the base URL to configure, then serves until stopped.
 */
public final class SimulatorMain {
    public static final int DEFAULT_PORT = 8089;

    private SimulatorMain() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv());
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Starts the simulator and blocks until the JVM is asked to stop; returns an exit code for bad input. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        ProviderSimulator sim;
        try {
            sim = start(args, env);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("nightshift simulator: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            err.println("nightshift simulator: cannot start: " + e.getMessage()
                    + " (is the port already in use? pass another with --port)");
            return 1;
        }
        printUrls(sim, out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sim.close();
                            stopped.countDown();
                        },
                        "simulator-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Parses the arguments and starts the simulator; throws {@link IllegalArgumentException} naming a bad argument. */
    static ProviderSimulator start(String[] args, Map<String, String> env) {
        int port = DEFAULT_PORT;
        String host = SimulatorConfig.LOOPBACK;
        Path config = null;
        Path script = null;
        Long seed = null;
        boolean limits = false;
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            switch (arg) {
                case "--port" -> port = parsePort(value(list, ++i, arg));
                case "--host" -> host = value(list, ++i, arg);
                case "--config" -> config = Path.of(value(list, ++i, arg));
                case "--script" -> script = Path.of(value(list, ++i, arg));
                case "--seed" -> seed = parseSeed(value(list, ++i, arg));
                case "--limits" -> limits = true;
                default ->
                    throw new IllegalArgumentException("unknown argument '" + arg
                            + "'; use --port P, --host H, --config F, --script S, --seed N, --limits");
            }
        }
        NightshiftConfig nightshift = ConfigLoader.load(config, env);
        SimulatorConfig sim =
                script == null ? SimulatorConfig.from(nightshift) : SimulatorConfig.from(nightshift, script);
        if (limits) {
            sim = sim.withConfiguredLimits(nightshift);
        }
        if (seed != null) {
            sim = sim.withSeed(seed);
        }
        return ProviderSimulator.start(sim.withPort(port).withHost(host));
    }

    static void printUrls(ProviderSimulator sim, PrintStream out) {
        out.println("provider simulator listening on " + sim.baseUrl() + " (bill: " + sim.baseUrl() + "/admin/bill)");
        for (String id : new TreeSet<>(sim.providers())) {
            out.println("  " + id + ": baseUrl " + sim.baseUrlFor(id) + "  (override: NIGHTSHIFT_PROVIDERS_"
                    + id.toUpperCase(Locale.ROOT).replace('-', '_') + "_BASEURL)");
        }
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port '" + text + "' is not a port; give 0..65535");
        }
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed '" + text + "' is not a whole number");
        }
    }
}
