package dev.nightshift.router.kafka;

import dev.nightshift.core.codec.MessageCodec;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic whose values are one message type, each handed to the router as it is read; a record that does
 * not decode is logged by its key and skipped, never retried.
 */
class DecodedStateSource<T> extends CompactedTopicSource {
    private static final Logger LOG = LoggerFactory.getLogger(DecodedStateSource.class);

    private final MessageCodec<T> codec;
    private final Consumer<T> sink;
    private final String what;
    private final Set<String> keys = new HashSet<>();

    DecodedStateSource(
            String bootstrap, String topic, String clientId, MessageCodec<T> codec, Consumer<T> sink, String what) {
        super(bootstrap, topic, clientId);
        this.codec = codec;
        this.sink = sink;
        this.what = what;
    }

    @Override
    final void accept(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            sink.accept(codec.decode(r.value()));
            keys.add(r.key());
        } catch (RuntimeException e) {
            LOG.atWarn()
                    .addKeyValue("key", r.key())
                    .log("ignoring an unreadable record of {}: {}", what, e.getMessage());
        }
    }

    @Override
    final String what() {
        return what;
    }

    @Override
    final int size() {
        return keys.size();
    }
}
