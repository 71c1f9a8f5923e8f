package dev.nightshift.app.serve;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.run.TaskTypeConverter;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.run.RunIds;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.topic.Topics;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import dev.nightshift.app.Nightshift;

/** {@code nightshift submit}: hands a run to a deployed ingest service through Kafka and prints its run id. */
@Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit a run to deployed services (through Kafka).")
public final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<url-or-path>", description = "The repository, as the ingest service can reach it.")
    String source;

    @Option(names = "--task", required = true, converter = TaskTypeConverter.class, paramLabel = "docs|tests",
            description = "What to do: docs (write documentation) or tests (write unit tests).")
    TaskType task;

    @Option(names = "--ref", paramLabel = "R", description = "The branch, tag or commit to read (default: HEAD).")
    String ref;

    @Option(names = "--tenant", defaultValue = "default", paramLabel = "T",
            description = "Whose run it is, for cost and queries (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--path", paramLabel = "P", description = "Only this sub-tree of the repository (e.g. src/).")
    String scope;

    @Option(names = "--include-tests", negatable = true, description = "With --task docs: document test files too.")
    Boolean includeTests;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka (also: NIGHTSHIFT_KAFKA_BOOTSTRAP).")
    String bootstrap;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() throws Exception {
        String kafka = bootstrap != null ? bootstrap : parent.terminal().env("NIGHTSHIFT_KAFKA_BOOTSTRAP");
        if (kafka == null || kafka.isBlank()) {
            throw UserError.badInput("no Kafka to submit to: pass --bootstrap HOST:PORT or set NIGHTSHIFT_KAFKA_BOOTSTRAP");
        }
        RunRequest request;
        try {
            request = new RunRequest(RunIds.newRunId(Instant.now()), tenant, source, ref, task, false).scoped(scope, includeTests);
        } catch (IllegalArgumentException e) {
            throw UserError.badInput(e.getMessage());
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClientProps.producer(kafka, "nightshift-submit"))) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, request.runId(), MessageCodec.RUN_REQUEST.encode(request)))
                    .get(30, TimeUnit.SECONDS);
        }
        parent.terminal().out().println(request.runId());
        return 0;
    }
}
