package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.run.RunControl;
import dev.nightshift.core.topic.Topics;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every run's standing (interrupted, resumed, cancelled) from the compacted run-control topic. Read to its end before
 * the first job is routed, so a run stopped while no router was running is not started by the next one.
 */
public final class RunControlSource extends CompactedTopicSource {
    private static final Logger LOG = LoggerFactory.getLogger(RunControlSource.class);

    private final Consumer<RunControl> sink;
    private final Set<String> runs = new HashSet<>();

    public RunControlSource(String bootstrap, Consumer<RunControl> sink) {
        super(bootstrap, Topics.RUN_CONTROL, "nightshift-router-run-control");
        this.sink = sink;
    }

    @Override
    void accept(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            sink.accept(MessageCodec.RUN_CONTROL.decode(r.value()));
            runs.add(r.key());
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("runId", r.key()).log("ignoring unreadable run control record: {}", e.getMessage());
        }
    }

    @Override
    String what() {
        return "run controls";
    }

    @Override
    int size() {
        return runs.size();
    }
}
