package dev.nightshift.router.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.cache.CacheTopics;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A router beside its sink serves only that sink's cache entries; one on its own serves any. */
class CacheSourceIT {
    private static String entry(String store) {
        return "{\"runId\":\"r-1\",\"jobId\":\"j-1\",\"store\":\"" + store + "\"}";
    }

    @Test
    void aRouterThatTrustsOneStoreIgnoresAnotherStoresEntries() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String mine = "ck-" + UUID.randomUUID() + ":sim";
        String theirs = "ck-" + UUID.randomUUID() + ":sim";
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-cache"))) {
            producer.send(new ProducerRecord<>(
                            CacheTopics.ARTIFACTS, mine, entry("store-a").getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(
                            CacheTopics.ARTIFACTS, theirs, entry("store-b").getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        CacheSource trusting = new CacheSource(bootstrap, "store-a");
        CacheSource any = new CacheSource(bootstrap);
        try {
            trusting.open();
            any.open();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                trusting.beforeBatch();
                any.beforeBatch();
                assertThat(trusting.has(mine)).isTrue();
                assertThat(any.has(mine)).isTrue();
                assertThat(any.has(theirs)).isTrue();
            });
            assertThat(trusting.has(theirs))
                    .as("another store's artifact is not this sink's to deliver")
                    .isFalse();
        } finally {
            trusting.close();
            any.close();
        }
    }
}
