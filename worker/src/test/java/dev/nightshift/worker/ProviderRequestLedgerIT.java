package dev.nightshift.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.attempt.LaneRetryAttempts;
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
import dev.nightshift.simulator.wire.Dialect;
import dev.nightshift.testkit.SimulatorFixture;
import dev.nightshift.worker.support.KafkaLane;
import dev.nightshift.worker.support.TestJobs;
import dev.nightshift.worker.support.WorkerTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every provider request is a ledger line (a call retried inside the lane included), and an account out of
 * credit gets no further request for the run once it said so.
 */
class ProviderRequestLedgerIT extends WorkerTestBase {

    @Test
    void aCallRetriedInTheLaneIsALedgerLineOfItsOwnSoAttemptsEqualTheProvidersRequests() throws Exception {
        // Given a provider that answers the first call of each of three jobs 429, 503 (overloaded) and a dropped
        // connection
        // (with a configured rate limit, so that the 429 halves it rather than teaching the lane 1 request per minute)
        String provider = provider("retry");
        NightshiftConfig config = openAiProvider(provider, new Limits(6000, null, null, null, null, null));
        try (SimulatorFixture sim = SimulatorFixture.start(
                        config,
                        c -> c.withProvider(provider, p -> p.withFault(
                                        new FaultRule(Fault.RATE_LIMITED, null, 1, "RateLimited", null, 200L))
                                .withFault(new FaultRule(Fault.OVERLOADED, null, 1, "Overloaded", null, 200L))
                                .withFault(new FaultRule(Fault.DISCONNECT, null, 1, "Dropped", null, null))));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            vertx.deployVerticle(new WorkerVerticle(sim.config(), bootstrap, sim.keys()))
                    .await();
            String runId = "run-" + UUID.randomUUID();
            Job rateLimited = TestJobs.job(runId, "src/RateLimited.java", TaskType.DOCS);
            Job overloaded = TestJobs.job(runId, "src/Overloaded.java", TaskType.DOCS);
            Job dropped = TestJobs.job(runId, "src/Dropped.java", TaskType.DOCS);
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId)) {
                // When the three jobs arrive
                for (Job job : List.of(rateLimited, overloaded, dropped)) {
                    lane.put(TestJobs.lane(provider, job));
                }
                // Then each ends succeeded at its routed attempt, after a failed line for the call retried in the lane
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> results.results().stream()
                                        .filter(a -> a.outcome() == Outcome.SUCCEEDED)
                                        .count()
                                == 3);
                assertLedger(results, rateLimited, FailureClass.RATE_LIMITED);
                assertLedger(results, overloaded, FailureClass.OVERLOADED);
                assertLedger(results, dropped, FailureClass.TRANSIENT);
                // And the ledger's lines for each job are as many as the requests the provider received for it
                for (Job job : List.of(rateLimited, overloaded, dropped)) {
                    long requests = sim.simulator().prompts().stream()
                            .filter(r ->
                                    r.provider().equals(provider) && r.prompt().contains(job.unitPath()))
                            .count();
                    assertThat(linesOf(results, job)).as(job.unitPath()).hasSize((int) requests);
                }
                // And the attempt numbers are unique per job
                Set<String> keys = new HashSet<>();
                assertThat(results.results()).allMatch(a -> keys.add(a.jobId() + "/" + a.attempt()));
            }
        }
    }

    private static void assertLedger(KafkaLane.Collector results, Job job, FailureClass retried) {
        List<AttemptResult> lines = linesOf(results, job);
        assertThat(lines).as(job.unitPath()).hasSize(2);
        AttemptResult first = lines.stream()
                .filter(a -> a.outcome() == Outcome.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(first.failureClass()).isEqualTo(retried);
        assertThat(first.cost()).isEqualTo(Money.ZERO);
        assertThat(first.terminal()).isFalse();
        assertThat(first.attempt()).isEqualTo(LaneRetryAttempts.of(1, 1));
        assertThat(first.provider()).isNotNull();
        AttemptResult last = lines.get(lines.size() - 1);
        assertThat(last.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(last.attempt()).isEqualTo(1);
        assertThat(last.terminal()).isTrue();
    }

    /** A job's published attempts in publishing order (the collector reads one partition per job key, in order). */
    private static List<AttemptResult> linesOf(KafkaLane.Collector results, Job job) {
        return new ArrayList<>(results.results().stream()
                .filter(a -> a.jobId().equals(job.jobId()))
                .toList());
    }

    @Test
    void anAccountOutOfCreditGetsNoFurtherRequestOfTheRunAndTheLanesJobsFailOver() throws Exception {
        // Given a DeepSeek-like provider out of balance (402 "Insufficient Balance"), one call at a time
        String provider = provider("broke");
        NightshiftConfig config = openAiProvider(provider, new Limits(null, null, null, 1, null, null));
        try (SimulatorFixture sim = SimulatorFixture.start(
                        config,
                        c -> c.withProvider(provider, p -> p.withDialect(Dialect.DEEPSEEK)
                                .withFault(FaultRule.always(Fault.INSUFFICIENT_QUOTA))));
                KafkaLane lane = new KafkaLane(bootstrap)) {
            vertx.deployVerticle(new WorkerVerticle(sim.config(), bootstrap, sim.keys()))
                    .await();
            String runId = "run-" + UUID.randomUUID();
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                jobs.add(TestJobs.job(runId, "src/Unpaid" + i + ".java", TaskType.DOCS));
            }
            try (KafkaLane.Collector results = lane.collect(Topics.RESULTS, runId);
                    KafkaLane.Collector retries = lane.collect(Topics.RETRY, runId)) {
                // When the run's jobs arrive on its lane
                jobs.forEach(job -> lane.put(TestJobs.lane(provider, job)));
                // Then every job is handed to the router for fail-over as out of quota, none terminal
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> retries.results().size() >= jobs.size());
                assertThat(retries.results())
                        .extracting(AttemptResult::jobId)
                        .containsExactlyInAnyOrderElementsOf(
                                jobs.stream().map(Job::jobId).toList());
                assertThat(retries.results())
                        .allMatch(a ->
                                a.failureClass() == FailureClass.QUOTA_EXHAUSTED && !a.terminal() && a.attempt() == 1);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> results.results().size() >= jobs.size());
                // And only the first call reached the provider: the others failed fast without a request
                long requests = sim.simulator().prompts().stream()
                        .filter(r -> r.provider().equals(provider))
                        .count();
                assertThat(requests).isEqualTo(1);
                List<AttemptResult> failed = results.results().stream()
                        .sorted(Comparator.comparing(AttemptResult::finishedAt))
                        .toList();
                assertThat(failed).hasSize(jobs.size());
                assertThat(failed.stream().filter(a -> a.failureReason().contains("is paused for run " + runId)))
                        .hasSize(jobs.size() - 1);
            }
        }
    }
}
