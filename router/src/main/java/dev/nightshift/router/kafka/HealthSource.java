package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.topic.Topics;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every provider's latest health, from the compacted health topic (workers create it and report there). */
public final class HealthSource extends CompactedTopicSource {
    private static final Logger LOG = LoggerFactory.getLogger(HealthSource.class);

    private final Consumer<ProviderHealth> sink;
    private final Set<String> providers = new HashSet<>();

    public HealthSource(String bootstrap, Consumer<ProviderHealth> sink) {
        super(bootstrap, Topics.HEALTH, "nightshift-router-health");
        this.sink = sink;
    }

    @Override
    void accept(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            sink.accept(MessageCodec.PROVIDER_HEALTH.decode(r.value()));
            providers.add(r.key());
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("provider", r.key()).log("ignoring unreadable health record: {}", e.getMessage());
        }
    }

    @Override
    String what() {
        return "provider health";
    }

    @Override
    int size() {
        return providers.size();
    }
}
