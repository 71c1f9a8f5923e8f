package dev.nightshift.app.serve;

import dev.nightshift.app.Nightshift;
import dev.nightshift.app.cli.DeadlineOptions;
import dev.nightshift.app.cli.OutputFormat;
import dev.nightshift.app.cli.TaskTypeConverter;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.run.RunIds;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.ingest.IngestException;
import dev.nightshift.ingest.source.RepositoryLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nightshift submit}: hands a run to a deployed ingest service through Kafka and prints its run id. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Submit a run to deployed services (through Kafka).")
public final class SubmitCommand implements Callable<Integer> {
    private static final Duration SEND_DEADLINE = Duration.ofSeconds(15);

    @Parameters(
            index = "0",
            paramLabel = "<url>",
            description = "The repository's URL, as the deployed ingest service can clone it"
                    + " (https://, ssh://, git@host:path, or file:// for a path on the ingest service's machine).")
    String source;

    @Option(
            names = "--task",
            required = true,
            converter = TaskTypeConverter.class,
            paramLabel = "docs|tests",
            description = "What to do: docs (write documentation) or tests (write unit tests).")
    TaskType task;

    @Option(names = "--ref", paramLabel = "R", description = "The branch, tag or commit to read (default: HEAD).")
    String ref;

    @Option(
            names = "--tenant",
            defaultValue = "default",
            paramLabel = "T",
            description = "Whose run it is, for cost and queries (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--path", paramLabel = "P", description = "Only this sub-tree of the repository (e.g. src/).")
    String scope;

    @Option(names = "--include-tests", negatable = true, description = "With --task docs: document test files too.")
    Boolean includeTests;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description =
                    "The cluster's Kafka bootstrap servers (also: NIGHTSHIFT_KAFKA_BOOTSTRAP); checked within 5 s.")
    String bootstrap;

    @Mixin
    DeadlineOptions deadlineOptions;

    @Mixin
    OutputFormat output;

    @ParentCommand
    Nightshift parent;

    @Override
    public Integer call() throws Exception {
        refuseLocalPath(source);
        Instant deadline = deadlineOptions.resolve();
        KafkaAddress kafka = KafkaAddress.of(bootstrap, parent.terminal().env(KafkaAddress.ENVIRONMENT), "submit to");
        RunRequest request;
        try {
            request = new RunRequest(RunIds.newRunId(Instant.now()), tenant, source, ref, task, false)
                    .scoped(scope, includeTests)
                    .withDeadline(deadline);
        } catch (IllegalArgumentException e) {
            throw UserError.badInput(e.getMessage());
        }
        if (!KafkaReachability.topics(kafka).contains(Topics.REQUESTS)) {
            throw UserError.failed(
                    "Kafka at " + kafka + " has no topic " + Topics.REQUESTS + ", so no ingest service has"
                            + " run on this cluster; deploy one ('nightshift serve ingest', docker compose or the Helm chart) and"
                            + " submit again");
        }
        Properties props = KafkaClientProps.producer(kafka.servers(), "nightshift-submit");
        // Kafka answered and has the topic: a send that still blocks (e.g. no leader) is bounded too.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(SEND_DEADLINE.toMillis()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(
                            Topics.REQUESTS, request.runId(), MessageCodec.RUN_REQUEST.encode(request)))
                    .get(SEND_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw UserError.failed("Kafka at " + kafka + " did not take the run request on topic " + Topics.REQUESTS
                    + " within "
                    + SEND_DEADLINE.toSeconds() + " s; check the cluster's health (the topic's leader) and that this"
                    + " client may write to the topic, then submit again");
        }
        if (output.document()) {
            java.util.Map<String, Object> document = new java.util.LinkedHashMap<>();
            document.put("runId", request.runId());
            document.put("bootstrap", kafka.servers());
            if (deadline != null) {
                document.put("deadline", deadline.toString());
            }
            output.print(parent.terminal().out(), document);
        } else {
            parent.terminal().out().println(request.runId());
        }
        return 0;
    }

    /**
     * The deployed ingest service clones what it is given on its own machine: a path here means nothing there, however
     * the cluster is reached. A file:// URL is left alone: it names a path on the ingest service's side on purpose.
     */
    private static void refuseLocalPath(String source) {
        RepositoryLocation location;
        try {
            location = RepositoryLocation.parse(source);
        } catch (IngestException e) {
            throw UserError.badInput(e.getMessage());
        }
        if (location instanceof RepositoryLocation.LocalPath local) {
            throw UserError.badInput(
                    "'" + source + "' is a path on this machine (" + local.path() + "), which the deployed"
                            + " ingest service cannot read; run a local repository here with 'nightshift run " + source
                            + " --task …',"
                            + " or push it where the cluster can clone it and submit its URL (https://…, ssh://… or git@host:path)");
        }
    }
}
