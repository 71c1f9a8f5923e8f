package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.health.ProviderHealth;
import dev.nightshift.core.topic.Topics;
import java.util.function.Consumer;

/** Every provider's latest health, from the compacted health topic (workers create it and report there). */
public final class HealthSource extends DecodedStateSource<ProviderHealth> {
    public HealthSource(String bootstrap, Consumer<ProviderHealth> sink) {
        super(
                bootstrap,
                Topics.HEALTH,
                "nightshift-router-health",
                MessageCodec.PROVIDER_HEALTH,
                sink,
                "provider health");
    }
}
