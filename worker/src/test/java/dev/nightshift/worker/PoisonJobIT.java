package dev.nightshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.attempt.AttemptResult;
import dev.nightshift.core.attempt.FailureClass;
import dev.nightshift.core.attempt.Outcome;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SimulatorFixture;
import dev.nightshift.worker.support.KafkaLane;
import dev.nightshift.worker.support.TestConfigs;
import dev.nightshift.worker.support.TestJobs;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A poison job ends in the dead-letter topic and as a failed job, without delaying the others. */
class PoisonJobIT {
    private final String bootstrap = KafkaTestBroker.bootstrapServers();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void aJobTheProviderAlwaysRefusesIsDeadLetteredWithItsReasonWhileTheOthersSucceed() throws Exception {
        // Given a provider that answers 400 to any prompt containing POISON
        String provider = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        NightshiftConfig config = TestConfigs.single(provider, Protocol.OPENAI, "http://127.0.0.1:9", Limits.UNLIMITED);
        try (SimulatorFixture sim = SimulatorFixture.start(config, c -> c.withProvider(provider,
                p -> p.withFault(FaultRule.whenPromptContains(Fault.BAD_REQUEST, "POISON"))));
             KafkaLane lane = new KafkaLane(bootstrap)) {
            vertx.deployVerticle(new WorkerVerticle(sim.config(), bootstrap, sim.keys())).await();
            String runId = "run-" + UUID.randomUUID();
            Job poison = withContent(TestJobs.job(runId, "src/Poison.java", TaskType.DOCS), "class Poison { String s = \"POISON\"; }\n");
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId);
                 KafkaLane.KeyCollector deadLetters = lane.keys(Topics.deadLetters(provider))) {
                // When the poison job arrives first, followed by good ones
                lane.put(TestJobs.lane(provider, poison));
                for (int i = 0; i < 3; i++) {
                    lane.put(TestJobs.lane(provider, TestJobs.job(runId, "src/Good" + i + ".java", TaskType.DOCS)));
                }
                // Then the poison job is one terminal failure with its reason, and a dead letter
                await().atMost(Duration.ofSeconds(60)).until(() -> results.results().size() >= 4 && deadLetters.keys().contains(poison.jobId()));
                List<AttemptResult> all = results.results();
                AttemptResult failed = all.stream().filter(a -> a.jobId().equals(poison.jobId())).findFirst().orElseThrow();
                assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(failed.failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
                assertThat(failed.failureReason()).startsWith("HTTP 400");
                assertThat(failed.terminal()).isTrue();
                // And the others succeeded
                assertThat(all.stream().filter(a -> !a.jobId().equals(poison.jobId())))
                        .hasSize(3).allMatch(a -> a.outcome() == Outcome.SUCCEEDED);
                assertThat(deadLetters.keys()).containsExactly(poison.jobId());
            }
        }
    }

    private static Job withContent(Job j, String content) {
        return new Job(j.jobId(), j.runId(), j.tenant(), j.repository(), j.commit(), j.task(), j.unitPath(), j.language(),
                j.contentHash(), j.promptVersion(), content, 20, j.maxOutputTokens(), j.simulated());
    }
}
