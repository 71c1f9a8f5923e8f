package dev.nightshift.app;

import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SimulatorFixture;
import java.nio.file.Path;

/**
 * A local pipeline on the suite's broker, its providers stood in for by a simulator without rate limits: what a run
 * produces and costs, quickly.
 */
final class SimulatedPipeline implements AutoCloseable {
    final SimulatorFixture simulator;
    final LocalPipeline pipeline;
    final RunProbe probe;

    private SimulatedPipeline(SimulatorFixture simulator, LocalPipeline pipeline) {
        this.simulator = simulator;
        this.pipeline = pipeline;
        this.probe = new RunProbe(pipeline);
    }

    static SimulatedPipeline start(NightshiftConfig config, Path home) {
        SimulatorFixture simulator = SimulatorFixture.start(SimulatorFixture.unlimited(config));
        LocalPipeline pipeline = LocalPipeline.builder(simulator.config(), new NightshiftHome(home))
                .keys(simulator.keys())
                .simulate(false)
                .bootstrap(KafkaTestBroker.bootstrapServers())
                .start();
        return new SimulatedPipeline(simulator, pipeline);
    }

    @Override
    public void close() {
        pipeline.close();
        simulator.close();
    }
}
