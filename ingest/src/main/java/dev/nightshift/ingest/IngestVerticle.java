package dev.nightshift.ingest;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.topic.Topics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nightshift serve ingest}: consumes run requests from {@link Topics#REQUESTS} on one dedicated
 * thread (the consumer is not thread-safe, and planning reads git objects and blocks) and submits each to
 * the {@link IngestService}. A request's offset is committed after its run is published (or rejected), so
 * a crash re-plans the request — harmless, because job ids are derived from the work.
 * A request with bad input is answered with a plan of zero jobs whose only skipped entry carries the
 * one-line reason ({@code rejected: …}), so that {@code status} can tell the user.
 */
public final class IngestVerticle extends VerticleBase {
    /** The consumer group of ingest instances; several instances share the requests. */
    public static final String GROUP = "nightshift-ingest";

    private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);

    private final NightshiftConfig config;
    private final String bootstrap;
    private final Path cacheDir;
    private final IngestOptions options;
    private IngestService service;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private volatile boolean running;

    public IngestVerticle(NightshiftConfig config, String bootstrap, Path cacheDir) {
        this(config, bootstrap, cacheDir, IngestOptions.defaults());
    }

    public IngestVerticle(NightshiftConfig config, String bootstrap, Path cacheDir, IngestOptions options) {
        this.config = config;
        this.bootstrap = bootstrap;
        this.cacheDir = cacheDir;
        this.options = options;
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(() -> {
            try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "nightshift-ingest-admin"))) {
                TopicAdmin.ensureTable(admin, config.providers().keySet());
            }
            service = new IngestService(config, bootstrap, cacheDir, options, InstantSource.system());
            consumer = new KafkaConsumer<>(KafkaClientProps.consumer(bootstrap, "nightshift-ingest", GROUP));
            consumer.subscribe(List.of(Topics.REQUESTS));
            running = true;
            thread = new Thread(this::pollLoop, "nightshift-ingest-requests");
            thread.start();
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        return vertx.executeBlocking(() -> {
            if (thread != null) {
                thread.join(Duration.ofSeconds(30).toMillis());
            }
            if (service != null) {
                service.close();
            }
            return null;
        });
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                    consumer.commitSync(Map.of(
                            new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.atError().setCause(e).log("request consumer woken up unexpectedly");
            }
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("request consumer stopped");
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        RunRequest request;
        try {
            request = MessageCodec.RUN_REQUEST.decode(record.value());
        } catch (MessageCodec.CodecException e) {
            LOG.atWarn()
                    .addKeyValue("runId", record.key())
                    .addKeyValue("reason", e.getMessage())
                    .log("dropping an undecodable run request");
            return;
        }
        IngestException rejection;
        try {
            service.submit(request);
            return;
        } catch (IngestException e) {
            LOG.atWarn()
                    .addKeyValue("runId", request.runId())
                    .addKeyValue("reason", e.getMessage())
                    .log("run request rejected");
            rejection = e;
        } catch (RuntimeException e) {
            // Kafka trouble or a bug: also answered, so that the run does not wait forever.
            LOG.atError().addKeyValue("runId", request.runId()).setCause(e).log("run request failed");
            rejection = new IngestException("ingest failed: " + e.getMessage(), e);
        }
        try {
            service.reject(request, rejection);
        } catch (RuntimeException e) {
            // The next request may fare better; this one is lost to the user but not to the logs.
            LOG.atError()
                    .addKeyValue("runId", request.runId())
                    .setCause(e)
                    .log("cannot publish the rejection of a run request");
        }
    }
}
