package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.testkit.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestServiceIT {
    @TempDir
    Path tmp;

    @Test
    void publishesThePlanKeyedByRunIdAndThenEveryJobKeyedByJobId() {
        // Given
        SampleRepository repo = SampleRepository.create(tmp.resolve("repo"));
        String bootstrap = KafkaTestBroker.bootstrapServers();

        // When
        RunPlanned plan;
        try (IngestService service = new IngestService(SampleRepository.config(), bootstrap, tmp.resolve("cache"))) {
            plan = service.submit(RunPlanning.request(repo.dir.toString(), null, TaskType.DOCS));
        }

        // Then the plan is on the runs topic
        try (TopicReader runs = new TopicReader(bootstrap, Topics.RUNS);
                TopicReader jobs = new TopicReader(bootstrap, Topics.JOBS);
                TopicReader awaiting = new TopicReader(bootstrap, Topics.DOCS_AWAITING)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> runs.poll().stream().anyMatch(r -> ofPlan(r, plan.runId())));
            ConsumerRecord<String, byte[]> planRecord = runs.poll().stream()
                    .filter(r -> ofPlan(r, plan.runId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(planRecord.key()).isEqualTo(RecordKeys.tenant(plan.tenant()));
            RunPlanned published = MessageCodec.RUN_PLANNED.decode(planRecord.value());
            assertThat(published.jobIds())
                    .hasSize(6)
                    .isEqualTo(plan.jobIds()); // four files, a folder summary, ARCHITECTURE
            assertThat(published.skipped()).contains(new RunPlanned.SkippedFile("assets/logo.png", "binary"));

            // and every job is published once, keyed by its tenant, stamped after the plan: the files' on the jobs
            // topic
            // for the router, the folder summary's and ARCHITECTURE's, awaiting their children's, on their own topic
            // for the sink
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ofRun(jobs.poll(), plan.runId()).size()
                                    + ofRun(awaiting.poll(), plan.runId()).size()
                            == plan.jobIds().size());
            List<ConsumerRecord<String, byte[]>> routable = ofRun(jobs.poll(), plan.runId());
            List<ConsumerRecord<String, byte[]>> composite = ofRun(awaiting.poll(), plan.runId());
            assertThat(routable).hasSize(4).allSatisfy(r -> {
                Job job = MessageCodec.JOB.decode(r.value());
                assertThat(r.key()).isEqualTo(RecordKeys.tenant(job.tenant()));
                assertThat(job.awaitingChildren()).isFalse();
                assertThat(r.timestamp()).isGreaterThanOrEqualTo(planRecord.timestamp());
            });
            assertThat(composite).hasSize(2).allSatisfy(r -> {
                Job job = MessageCodec.JOB.decode(r.value());
                assertThat(r.key()).isEqualTo(RecordKeys.tenant(job.tenant()));
                assertThat(job.awaitingChildren()).isTrue();
                assertThat(r.timestamp()).isGreaterThanOrEqualTo(planRecord.timestamp());
            });
            assertThat(Stream.concat(routable.stream(), composite.stream())
                            .map(r -> MessageCodec.JOB.decode(r.value()).jobId()))
                    .containsExactlyInAnyOrderElementsOf(plan.jobIds());
        }
    }

    @Test
    void aPricerPricesThePlannedJobsOnceAndThePublishedPlanCarriesTheEstimate() {
        SampleRepository repo = SampleRepository.create(tmp.resolve("repo"));
        String bootstrap = KafkaTestBroker.bootstrapServers();
        List<Integer> pricedJobs = new ArrayList<>();
        RunPricer perJob = run -> {
            pricedJobs.add(run.jobs().size());
            return Money.usd("0.0001").times(run.jobs().size());
        };

        RunPlanned plan;
        try (IngestService service = new IngestService(
                SampleRepository.config(),
                bootstrap,
                tmp.resolve("cache"),
                IngestOptions.defaults(),
                InstantSource.system(),
                perJob)) {
            plan = service.submit(RunPlanning.request(repo.dir.toString(), null, TaskType.DOCS));
        }

        assertThat(pricedJobs).containsExactly(plan.jobIds().size());
        assertThat(plan.estimate()).isEqualTo(Money.usd("0.0006"));
        try (TopicReader runs = new TopicReader(bootstrap, Topics.RUNS)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> runs.poll().stream().anyMatch(r -> ofPlan(r, plan.runId())));
        }
    }

    @Test
    void aPricerThatFailsLeavesThePlanUnestimatedAndTheRunGoesOn() {
        SampleRepository repo = SampleRepository.create(tmp.resolve("repo"));
        RunPricer broken = run -> {
            throw new IllegalStateException("no prices today");
        };

        RunPlanned plan;
        try (IngestService service = new IngestService(
                SampleRepository.config(),
                KafkaTestBroker.bootstrapServers(),
                tmp.resolve("cache"),
                IngestOptions.defaults(),
                InstantSource.system(),
                broken)) {
            plan = service.submit(RunPlanning.request(repo.dir.toString(), null, TaskType.DOCS));
        }

        assertThat(plan.estimate()).isNull();
        assertThat(plan.jobIds()).hasSize(6);
    }

    private static List<ConsumerRecord<String, byte[]>> ofRun(
            List<ConsumerRecord<String, byte[]>> records, String runId) {
        return records.stream()
                .filter(r -> MessageCodec.JOB.decode(r.value()).runId().equals(runId))
                .toList();
    }

    /** Whether the record on the runs topic is the plan of {@code runId} (plans are keyed by tenant). */
    private static boolean ofPlan(ConsumerRecord<String, byte[]> r, String runId) {
        return MessageCodec.RUN_PLANNED.decode(r.value()).runId().equals(runId);
    }
}
