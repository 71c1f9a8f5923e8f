package dev.nightshift.router.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.router.Acks;
import dev.nightshift.router.engine.Outbound;
import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * The loop's window on new work: gated records beyond it stay in their topic — neither handled nor committed —
 * while other topics keep flowing, and are taken, in order and each once, as the window opens.
 */
class RouterLoopWindowIT {
    private final String work = "it.window.work." + UUID.randomUUID();
    private final String ends = "it.window.ends." + UUID.randomUUID();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger open = new AtomicInteger(3);

    /** Takes work while fewer than {@code open} work records are unfinished; an "end" record finishes one. */
    private final RecordHandler handler = new RecordHandler() {
        @Override
        public List<Outbound> handle(ConsumerRecord<String, byte[]> r) {
            handled.add(r.topic().equals(work) ? new String(r.value(), StandardCharsets.UTF_8) : "end");
            if (r.topic().equals(work)) {
                open.decrementAndGet();
            } else {
                open.incrementAndGet();
            }
            return List.of();
        }

        @Override
        public boolean gated(String topic) {
            return topic.equals(work);
        }

        @Override
        public boolean windowOpen() {
            return open.get() > 0;
        }
    };

    @Test
    void takesNewWorkOnlyAsFastAsEarlierWorkEnds() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "it-window-admin"))) {
            TopicAdmin.ensureTopics(admin, List.of(TopicAdmin.topic(work, 1), TopicAdmin.topic(ends, 1)));
        }
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-window"))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] value = ("w" + i).getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(work, "w" + i, value)));
            }
            Acks.flushAndCheck(producer, sent);
            RouterLoop loop = new RouterLoop(
                    bootstrap, "it-window", "it-window-" + UUID.randomUUID(), List.of(ends, work), handler, List.of());
            Thread thread = new Thread(loop, "it-window-loop");
            thread.start();
            try {
                loop.started().get(60, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 3);
                // Held for a while: the window stays shut, so nothing more is taken.
                await().during(Duration.ofMillis(1_500))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> handled.size() == 3);
                assertThat(handled).containsExactly("w0", "w1", "w2");

                sent.clear();
                for (int i = 0; i < 2; i++) {
                    sent.add(producer.send(new ProducerRecord<>(ends, "e", new byte[0])));
                }
                Acks.flushAndCheck(producer, sent);
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                handled.stream().filter(h -> h.startsWith("w")).count() == 5);
                await().during(Duration.ofMillis(1_000))
                        .atMost(Duration.ofSeconds(5))
                        .until(() ->
                                handled.stream().filter(h -> h.startsWith("w")).count() == 5);
                assertThat(handled.stream().filter(h -> h.startsWith("w")).toList())
                        .containsExactly("w0", "w1", "w2", "w3", "w4");

                sent.clear();
                for (int i = 0; i < 5; i++) {
                    sent.add(producer.send(new ProducerRecord<>(ends, "e", new byte[0])));
                }
                Acks.flushAndCheck(producer, sent);
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                handled.stream().filter(h -> h.startsWith("w")).count() == 10);
                assertThat(handled.stream().filter(h -> h.startsWith("w")).toList())
                        .containsExactly("w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9");
            } finally {
                loop.stop();
                loop.stopped().get(60, TimeUnit.SECONDS);
            }
        }
    }
}
