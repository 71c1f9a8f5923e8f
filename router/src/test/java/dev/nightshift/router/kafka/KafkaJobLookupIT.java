package dev.nightshift.router.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.TopicAdmin;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.router.Jobs;
import dev.nightshift.testkit.KafkaTestBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** A job needed again is read back from where it sits on the jobs topic, wherever it sits in its producer batch. */
class KafkaJobLookupIT {
    @Test
    void findsEachJobOfOneBatchOfLargeJobsAndNothingElse() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String runId = "r-lookup-" + UUID.randomUUID();
        String key = "same-key-" + runId;
        List<Job> jobs = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (Admin admin = Admin.create(KafkaClientProps.admin(bootstrap, "it-lookup-admin"))) {
            TopicAdmin.ensureFromTable(admin, Topics.JOBS);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-lookup"))) {
            for (int i = 0; i < 12; i++) {
                // Large, varied content: the jobs share a partition (one key) and mostly one batch.
                Job job = Jobs.job(runId, "src/Big" + i + ".java", TaskType.DOCS, "java", ("class Big" + i + " { /* " + i + " */ }\n").repeat(4_000),
                        40_000, 2048);
                jobs.add(job);
                sent.add(producer.send(new ProducerRecord<>(Topics.JOBS, key, MessageCodec.JOB.encode(job))));
            }
            producer.flush();
        }
        KafkaJobLookup lookup = new KafkaJobLookup(bootstrap);
        try {
            for (int i = 0; i < jobs.size(); i++) {
                RecordMetadata at = sent.get(i).get();
                lookup.remember(jobs.get(i), at.partition(), at.offset());
            }
            for (int i : new int[] {7, 0, 11, 3}) {
                Job wanted = jobs.get(i);
                assertThat(lookup.find(runId, wanted.jobId())).as("job %d", i).contains(wanted);
            }
            assertThat(lookup.find(runId, "j-not-remembered")).isEmpty();
            lookup.forget(runId, jobs.get(5).jobId());
            assertThat(lookup.find(runId, jobs.get(5).jobId())).as("a forgotten job").isEmpty();
        } finally {
            lookup.close();
        }
    }
}
