package dev.nightshift.app.serve;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.CommonOptions;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.simulator.ProviderSimulator;
import dev.nightshift.simulator.SimulatorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift simulator}: the provider simulator alone, for demos, benchmarks and fault drills. */
@Command(
        name = "simulator",
        mixinStandardHelpOptions = true,
        description = "Run the provider simulator alone (every configured provider, on one port).")
public final class SimulatorCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorCommand.class);

    @Option(names = "--port", defaultValue = "8090", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = SimulatorConfig.LOOPBACK,
            description =
                    "Interface to listen on (default: ${DEFAULT-VALUE}); 0.0.0.0 in a container other containers call "
                            + "(docker-compose's dry-run profile). It accepts any key: keep it on a private network.")
    String host;

    @Option(
            names = "--script",
            paramLabel = "FILE",
            description = "Simulator script (latency, token factors, limits, faults).")
    Path script;

    @Option(names = "--enforce-limits", description = "Enforce each provider's configured limits with real 429s.")
    boolean enforceLimits;

    @Mixin
    CommonOptions common;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() throws Exception {
        NightshiftConfig config = common.loadConfig(parent.terminal().env());
        SimulatorConfig simulatorConfig = (script == null
                        ? SimulatorConfig.from(config)
                        : SimulatorConfig.from(config, script))
                .withPort(port)
                .withHost(host);
        if (enforceLimits) {
            simulatorConfig = simulatorConfig.withConfiguredLimits(config);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (ProviderSimulator simulator = ProviderSimulator.start(simulatorConfig)) {
            LOG.atInfo()
                    .addKeyValue("port", simulator.port())
                    .log("simulator listening on {}:{}", host, simulator.port());
            PrintStream err = parent.terminal().err();
            err.println("simulator listening on " + host + ":" + simulator.port() + "; point a provider's baseUrl at:");
            config.providers().keySet().forEach(id -> err.println("  " + id + ": " + simulator.baseUrlFor(id)));
            err.println("billing log: http://" + host + ":" + simulator.port() + "/admin/bill; stop with Ctrl-C");
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "simulator-stop"));
            stopped.await();
        }
        return 0;
    }
}
