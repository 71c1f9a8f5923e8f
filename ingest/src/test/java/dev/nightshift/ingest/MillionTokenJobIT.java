package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.ingest.plan.JobFactory;
import dev.nightshift.ingest.plan.JobSpool;
import dev.nightshift.ingest.plan.PlannedRun;
import dev.nightshift.ingest.plan.docs.DocsPlanner;
import dev.nightshift.ingest.publish.PlanPublisher;
import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repository-level job of about a million tokens (over 3 MB of JSON) travels through Kafka intact. */
class MillionTokenJobIT {
    private static final String[] WORDS = {
        "alpha",
        "beta",
        "gamma",
        "delta",
        "compute",
        "total",
        "index",
        "value",
        "result",
        "buffer",
        "stream",
        "reader",
        "writer",
        "config",
        "token",
        "budget",
        "limit",
        "window",
        "context",
        "repository",
        "commit",
        "ledger",
        "price",
        "model",
        "provider",
        "lane",
        "retry",
        "sink",
        "router",
        "worker"
    };

    @TempDir
    Path tmp;

    /** Code-like text that compresses about as badly as real code, so the wire carries megabytes. */
    static String codeOfAbout(int chars) {
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder(chars + 200);
        int n = 0;
        while (sb.length() < chars) {
            sb.append("def ")
                    .append(WORDS[random.nextInt(WORDS.length)])
                    .append('_')
                    .append(n++)
                    .append('(');
            for (int i = 0; i < 8; i++) {
                sb.append(WORDS[random.nextInt(WORDS.length)])
                        .append(random.nextInt(1000))
                        .append(i < 7 ? ", " : "):\n");
            }
            sb.append("    return ")
                    .append(WORDS[random.nextInt(WORDS.length)])
                    .append(" * ")
                    .append(random.nextInt(100_000))
                    .append("\n\n");
        }
        return sb.toString();
    }

    @Test
    void aMillionTokenRepositoryJobIsPublishedAndConsumedWhole() {
        // Given a repository-level job of about a million tokens
        String bootstrap = KafkaTestBroker.bootstrapServers();
        var request = RunPlanning.request("/big", null, TaskType.DOCS);
        JobFactory factory = new JobFactory(
                request, "/big", "c0ffee", SampleRepository.config().jobs());
        Job big = factory.job(DocsPlanner.REPOSITORY_UNIT, "text", codeOfAbout(3_300_000));
        assertThat(big.inputTokens()).isBetween(900_000L, 1_000_000L);
        assertThat(MessageCodec.JOB.encode(big).length).isGreaterThan(3_000_000);

        // When
        try (JobSpool spool = new JobSpool(tmp.resolve("spool"));
                PlanPublisher publisher = new PlanPublisher(bootstrap, "ingest-big-test")) {
            spool.add(big);
            RunPlanned plan = new RunPlanned(
                    request.runId(),
                    null,
                    "/big",
                    "c0ffee",
                    TaskType.DOCS,
                    spool.jobIds(),
                    spool.inputTokens(),
                    List.of(),
                    true,
                    Instant.now());
            publisher.publish(new PlannedRun(plan, spool));
        }

        // Then
        try (TopicReader jobs = new TopicReader(bootstrap, Topics.JOBS)) {
            Job received = await().atMost(Duration.ofSeconds(90))
                    .until(
                            () -> jobs.poll().stream()
                                    .map(r -> MessageCodec.JOB.decode(r.value()))
                                    .filter(j -> j.jobId().equals(big.jobId()))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            assertThat(received.content()).isEqualTo(big.content());
            assertThat(received.inputTokens()).isEqualTo(big.inputTokens());
            assertThat(received.contentHash()).isEqualTo(big.contentHash());
        }
    }
}
