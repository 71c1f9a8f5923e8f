package dev.nightshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.attempt.CallStarted;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.testkit.SimulatorFixture;
import dev.nightshift.worker.support.KafkaLane;
import dev.nightshift.worker.support.TestJobs;
import dev.nightshift.worker.support.WorkerTestBase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bad job never stops a lane: a poison job ends in the dead-letter topic and as a failed job, and a call the
 * provider never answers holds its own slot only, and only for its own deadline — sized from its output budget and the
 * lane's pace, not the lane's ceiling of minutes — while the other jobs flow.
 */
class LaneKeepsMovingIT extends WorkerTestBase {

    @Test
    void aJobTheProviderAlwaysRefusesIsDeadLetteredWithItsReasonWhileTheOthersSucceed() throws Exception {
        // Given a provider that answers 400 to any prompt containing POISON
        String provider = provider("poison");
        NightshiftConfig config = openAiProvider(provider, Limits.UNLIMITED);
        try (SimulatorFixture sim = SimulatorFixture.start(
                        config,
                        c -> c.withProvider(
                                provider,
                                p -> p.withFault(FaultRule.whenPromptContains(Fault.BAD_REQUEST, "POISON"))));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            vertx.deployVerticle(new WorkerVerticle(sim.config(), bootstrap, sim.keys()))
                    .await();
            String runId = "run-" + UUID.randomUUID();
            Job poison = TestJobs.withContent(
                    TestJobs.job(runId, "src/Poison.java", TaskType.DOCS), "class Poison { String s = \"POISON\"; }\n");
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId);
                    KafkaLane.KeyCollector deadLetters = lane.keys(Topics.deadLetters(provider))) {
                // When the poison job arrives first, followed by good ones
                lane.put(TestJobs.lane(provider, poison));
                for (int i = 0; i < 3; i++) {
                    lane.put(TestJobs.lane(provider, TestJobs.job(runId, "src/Good" + i + ".java", TaskType.DOCS)));
                }
                // Then the poison job is one terminal failure with its reason, and a dead letter
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> results.results().size() >= 4
                                && deadLetters.keys().contains(poison.jobId()));
                List<AttemptResult> all = results.results();
                AttemptResult failed = all.stream()
                        .filter(a -> a.jobId().equals(poison.jobId()))
                        .findFirst()
                        .orElseThrow();
                assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(failed.failureClass()).isEqualTo(FailureClass.BAD_REQUEST);
                assertThat(failed.failureReason()).startsWith("HTTP 400");
                assertThat(failed.terminal()).isTrue();
                // And the others succeeded
                assertThat(all.stream().filter(a -> !a.jobId().equals(poison.jobId())))
                        .hasSize(3)
                        .allMatch(a -> a.outcome() == Outcome.SUCCEEDED);
                assertThat(deadLetters.keys()).containsExactly(poison.jobId());
            }
        }
    }

    @Test
    void aHungCallEndsAtItsSizedDeadlineWhileTheLanesOtherJobsFlow() throws Exception {
        // Given a provider that keeps any prompt containing HANG waiting two minutes for its first byte
        String provider = provider("hang");
        NightshiftConfig config = openAiProvider(provider, Limits.UNLIMITED);
        WorkerSettings settings = WorkerSettings.DEFAULTS
                .withCallDeadline(Duration.ofMinutes(3))
                .withCallDeadlineFloor(Duration.ofSeconds(1));
        try (SimulatorFixture sim = SimulatorFixture.start(
                        config,
                        c -> c.withProvider(
                                provider,
                                p -> p.withFault(FaultRule.whenPromptContains(Fault.SLOW_FIRST_BYTE, "HANG")
                                        .withDelayMs(120_000))));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            vertx.deployVerticle(new WorkerVerticle(sim.config(), bootstrap, sim.keys(), settings))
                    .await();
            String runId = "run-" + UUID.randomUUID();
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId)) {
                // A few answers teach the lane its pace
                for (int i = 0; i < 3; i++) {
                    lane.put(TestJobs.lane(provider, TestJobs.job(runId, "src/Warm" + i + ".java", TaskType.DOCS)));
                }
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> results.results().size() >= 3);

                // When the hung job goes out, followed by good ones
                Job hung = TestJobs.withContent(
                        TestJobs.job(runId, "src/Hung.java", TaskType.DOCS), "class Hung { String s = \"HANG\"; }\n");
                lane.put(TestJobs.lane(provider, hung));
                for (int i = 0; i < 5; i++) {
                    lane.put(TestJobs.lane(provider, TestJobs.job(runId, "src/Good" + i + ".java", TaskType.DOCS)));
                }

                // Then the good jobs succeed while the hung call is still open
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> results.results().stream()
                                        .filter(r -> r.unitPath().startsWith("src/Good"))
                                        .count()
                                >= 5);
                assertThat(results.results()).noneMatch(r -> r.jobId().equals(hung.jobId()));

                // And the hung call is given up at its own deadline: seconds, not the three-minute ceiling
                await().atMost(Duration.ofSeconds(90)).until(() -> results.results().stream()
                        .anyMatch(r -> r.jobId().equals(hung.jobId())));
                AttemptResult first = results.results().stream()
                        .filter(r -> r.jobId().equals(hung.jobId()))
                        .findFirst()
                        .orElseThrow();
                assertThat(first.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(first.failureReason()).contains("this call's deadline");
                assertThat(first.latencyMs()).isLessThan(Duration.ofMinutes(1).toMillis());
                List<AttemptResult> good = results.results().stream()
                        .filter(r -> r.unitPath().startsWith("src/Good"))
                        .toList();
                assertThat(good).allMatch(r -> r.outcome() == Outcome.SUCCEEDED);

                // The abandoned call's outcome is unknown: the provider may still bill it, so it is not booked as a $0
                // failure
                assertThat(first.failureClass()).isEqualTo(FailureClass.OUTCOME_UNKNOWN);
                assertThat(first.cost()).isEqualTo(Money.ZERO);
                // Every call was written ahead before it was made, with a bound no answer exceeded
                for (AttemptResult answered : good) {
                    CallStarted call = results.calls().stream()
                            .filter(c -> c.jobId().equals(answered.jobId()))
                            .findFirst()
                            .orElseThrow();
                    assertThat(call.attempt()).isEqualTo(answered.attempt());
                    assertThat(answered.cost().exceeds(call.costBound()))
                            .as("cost %s within bound %s", answered.cost(), call.costBound())
                            .isFalse();
                }
                CallStarted hungCall = results.calls().stream()
                        .filter(c -> c.jobId().equals(hung.jobId()))
                        .findFirst()
                        .orElseThrow();
                assertThat(hungCall.delivery()).isEqualTo(1);
                assertThat(hungCall.costBound().isZero()).isFalse();
                // And the same job is not called again before another deadline's length has passed
                await().atMost(Duration.ofSeconds(90))
                        .until(() -> results.calls().stream()
                                        .filter(c -> c.jobId().equals(hung.jobId()))
                                        .count()
                                >= 2);
                CallStarted again = results.calls().stream()
                        .filter(c -> c.jobId().equals(hung.jobId()) && c.delivery() == 2)
                        .findFirst()
                        .orElseThrow();
                assertThat(Duration.between(first.finishedAt(), again.startedAt())
                                .toMillis())
                        .isGreaterThanOrEqualTo(first.latencyMs() * 9 / 10);
            }
        }
    }
}
