package dev.nightshift.app.serve;

import dev.nightshift.simulator.SimulatorMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nightshift simulator}: the provider simulator alone, for demos, benchmarks and fault drills. */
@Command(name = "simulator", mixinStandardHelpOptions = true, description = "Run the provider simulator alone.")
public final class SimulatorCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8090", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--config", paramLabel = "FILE", description = "Simulator script (latency, limits, faults).")
    String config;

    @Override
    public Integer call() throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
        if (config != null) {
            args.add("--config");
            args.add(config);
        }
        SimulatorMain.main(args.toArray(String[]::new));
        return 0;
    }
}
