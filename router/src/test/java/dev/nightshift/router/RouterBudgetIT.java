package dev.nightshift.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.event.CancelledByBudget;
import dev.nightshift.core.event.JobEvent;
import dev.nightshift.core.event.Outcome;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobRef;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.estimate.Estimate;
import dev.nightshift.router.estimate.Estimator;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * A run with a budget of half its estimate spends up to it and no further: every job ends in a terminal state,
 * the spend stays within the stated bound, and it stops short of the budget by less than one job's worst case. A stand-in worker on the lanes answers each request with a bill
 * below the router's worst-case hold (input + 100 template tokens, half the output budget).
 */
class RouterBudgetIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    @Test
    void aRunWithHalfItsEstimateAsBudgetSpendsUpToItAndEveryJobEnds() throws Exception {
        runWithHalfItsEstimateAsBudget(1);
    }

    /**
     * Two router replicas in one group: the run's records are keyed by its tenant, so one replica owns its budget and
     * the bound is that of one router (with jobs spread over both, each would spend the whole budget).
     */
    @Test
    void twoRouterReplicasHoldOneBudget() throws Exception {
        runWithHalfItsEstimateAsBudget(2);
    }

    private void runWithHalfItsEstimateAsBudget(int replicas) throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String runId = "r-budget-" + UUID.randomUUID();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(Jobs.job(runId, "src/F" + i + ".java", TaskType.TESTS, 2_000 + 100L * i));
        }
        RouterConfig routerConfig = RouterConfig.coreOnly(CONFIG);
        Estimate estimate = Estimator.of(CONFIG, routerConfig).estimateJobs(jobs);
        Money budget = estimate.usd().times(new java.math.BigDecimal("0.5"));

        Vertx vertx = Vertx.vertx();
        AtomicBoolean working = new AtomicBoolean(true);
        Thread worker = new Thread(() -> standInWorker(bootstrap, runId, working), "stand-in-worker");
        try {
            for (int i = 0; i < replicas; i++) {
                vertx.deployVerticle(new RouterVerticle(CONFIG, bootstrap, routerConfig))
                        .await(60, TimeUnit.SECONDS);
            }
            worker.start();

            // Given the run's plan with its --max-cost, then its jobs
            try (KafkaProducer<String, byte[]> producer =
                    new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-ingest"))) {
                producer.send(new ProducerRecord<>(Topics.RUNS, "acme", runPlanned(runId, jobs, budget)))
                        .get(30, TimeUnit.SECONDS);
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (Job job : jobs) {
                    sent.add(producer.send(new ProducerRecord<>(
                            Topics.JOBS, RecordKeys.tenant(job.tenant()), MessageCodec.JOB.encode(job))));
                }
                Acks.flushAndCheck(producer, sent);
            }

            // When the run plays out, every job ends exactly once
            Map<String, JobEvent> terminal = terminalResults(bootstrap, runId, jobs.size());

            // Then some jobs ran and the rest were cancelled by budget
            long cancelled = terminal.values().stream()
                    .filter(CancelledByBudget.class::isInstance)
                    .count();
            List<AttemptResult> attempts = terminal.values().stream()
                    .filter(AttemptResult.class::isInstance)
                    .map(AttemptResult.class::cast)
                    .toList();
            assertThat(attempts).allSatisfy(a -> assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED));
            assertThat(attempts.size() + cancelled).isEqualTo(jobs.size());
            assertThat(attempts).isNotEmpty();
            assertThat(cancelled).isPositive();
            // And with worst-case holds the bound is the budget itself: spend never exceeds it
            Money spent = attempts.stream().map(AttemptResult::cost).reduce(Money.ZERO, Money::plus);
            assertThat(spent).isLessThanOrEqualTo(budget);
            // And the budget is spent, not stopped short by the holds of the jobs in flight: a job is cancelled only
            // when what was spent leaves no room for its worst case (here under a tenth of the budget)
            assertThat(spent).isGreaterThan(budget.times(new java.math.BigDecimal("0.8")));
        } finally {
            working.set(false);
            worker.join(30_000);
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** The plan of a run of tenant {@code acme} with its {@code --max-cost}, as ingest publishes it. */
    static byte[] runPlanned(String runId, List<Job> jobs, Money maxCost) throws Exception {
        RunPlanned plan = new RunPlanned(
                runId,
                "acme",
                "/repo",
                "c0ffee",
                TaskType.TESTS,
                jobs.stream().map(Job::jobId).toList(),
                jobs.stream().mapToLong(Job::inputTokens).sum(),
                List.of(),
                true,
                Instant.now());
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(MessageCodec.RUN_PLANNED.encode(plan));
        tree.put("maxCost", maxCost.toPlainString());
        return Json.mapper().writeValueAsBytes(tree);
    }

    /** Answers every lane request of the run with a success billed at the configured price. */
    private static void standInWorker(String bootstrap, String runId, AtomicBoolean working) {
        List<String> lanes =
                CONFIG.providers().keySet().stream().map(Topics::lane).toList();
        try (KafkaConsumer<String, byte[]> lanesIn = new KafkaConsumer<>(
                        KafkaClientProps.consumer(bootstrap, "stand-in-worker", "stand-in-worker-" + runId));
                KafkaProducer<String, byte[]> out =
                        new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "stand-in-worker"))) {
            lanesIn.subscribe(lanes);
            while (working.get()) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : lanesIn.poll(Duration.ofMillis(200))) {
                    LaneRequest request = MessageCodec.LANE_REQUEST.decode(r.value());
                    if (!request.job().runId().equals(runId)) {
                        continue;
                    }
                    Usage usage = Usage.of(
                            request.job().inputTokens() + 100,
                            0,
                            0,
                            request.job().maxOutputTokens() / 2);
                    Money cost = CONFIG.price(request.model()).cost(usage);
                    AttemptResult result = new AttemptResult(
                            new JobRef(
                                    runId,
                                    request.job().jobId(),
                                    request.job().tenant(),
                                    request.job().repository(),
                                    request.job().commit(),
                                    request.job().task(),
                                    request.job().unitPath(),
                                    request.job().language(),
                                    true),
                            request.attempt(),
                            request.model().provider(),
                            request.model().model(),
                            request.routingReason(),
                            Outcome.SUCCEEDED,
                            null,
                            null,
                            usage,
                            cost,
                            "it",
                            5,
                            Instant.now(),
                            Instant.now(),
                            "stop",
                            "test code",
                            true);
                    byte[] value = MessageCodec.JOB_EVENT.encode(result);
                    sent.add(out.send(new ProducerRecord<>(Topics.RESULTS, RecordKeys.tenant(result.tenant()), value)));
                }
                Acks.flushAndCheck(out, sent);
            }
        }
    }

    private static Map<String, JobEvent> terminalResults(String bootstrap, String runId, int expected) {
        Map<String, JobEvent> terminal = new ConcurrentHashMap<>();
        Map<String, Integer> terminalCount = new HashMap<>();
        try (KafkaConsumer<String, byte[]> results =
                new KafkaConsumer<>(KafkaClientProps.consumer(bootstrap, "it-results", "it-results-" + runId))) {
            results.subscribe(List.of(Topics.RESULTS));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : results.poll(Duration.ofMillis(200))) {
                    JobEvent a = MessageCodec.JOB_EVENT.decode(r.value());
                    if (a.runId().equals(runId) && a.terminal()) {
                        terminal.put(a.jobId(), a);
                        terminalCount.merge(a.jobId(), 1, Integer::sum);
                    }
                }
                return terminal.size() >= expected;
            });
        }
        assertThat(terminalCount.values()).allMatch(n -> n == 1);
        return terminal;
    }
}
