package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.topic.Topics;
import java.util.function.Consumer;

/**
 * Every run's standing (interrupted, resumed, cancelled) from the compacted run-control topic. Read to its end before
 * the first job is routed, so a run stopped while no router was running is not started by the next one.
 */
public final class RunControlSource extends DecodedStateSource<RunControl> {
    public RunControlSource(String bootstrap, Consumer<RunControl> sink) {
        super(
                bootstrap,
                Topics.RUN_CONTROL,
                "nightshift-router-run-control",
                MessageCodec.RUN_CONTROL,
                sink,
                "run controls");
    }
}
