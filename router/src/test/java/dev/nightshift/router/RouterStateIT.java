package dev.nightshift.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.event.AttemptResult;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.routerstate.JobRouting;
import dev.nightshift.core.routerstate.RouterState;
import dev.nightshift.core.routerstate.RunBudget;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.router.config.RouterConfig;
import dev.nightshift.router.policy.HardConstraints;
import dev.nightshift.router.policy.RoutingPolicy;
import dev.nightshift.testkit.KafkaTestBroker;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A router that stops and starts again carries on from the state it wrote to {@code nightshift.router-state}: the
 * money its attempts in flight hold still counts against the run's budget, and the jobs that waited for budget are
 * still waiting — and are routed once the answers in flight settle.
 */
class RouterStateIT {
    private static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    @Test
    void aRestartedRouterKeepsTheHoldsAndTheWaitingJobsOfTheRouterBeforeIt() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String runId = "r-state-" + UUID.randomUUID();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(Jobs.job(runId, "src/S" + i + ".java", TaskType.TESTS, 2_000 + i));
        }
        RouterConfig routerConfig = RouterConfig.coreOnly(CONFIG);
        // A budget for three jobs' worst case and a half: three are routed, two wait for the holds to settle.
        Money worst = worstCase(routerConfig, jobs.get(jobs.size() - 1));
        Money budget = worst.times(new BigDecimal("3.5"));

        try (KafkaConsumer<String, byte[]> lanes = laneReader(bootstrap, runId)) {
            Vertx first = Vertx.vertx();
            first.deployVerticle(new RouterVerticle(CONFIG, bootstrap, routerConfig))
                    .await(60, TimeUnit.SECONDS);
            publish(bootstrap, runId, jobs, budget);

            // Given the first router routed three jobs and wrote that the other two wait for budget
            Map<String, LaneRequest> routed = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                readLanes(lanes, runId, routed);
                return routed.size() >= 3;
            });
            assertThat(routed).hasSize(3);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> waitingForBudget(readState(bootstrap), runId).size() == 2);

            // When it stops and another router starts in its place
            first.close().await(30, TimeUnit.SECONDS);
            Vertx second = Vertx.vertx();
            try {
                second.deployVerticle(new RouterVerticle(CONFIG, bootstrap, routerConfig))
                        .await(60, TimeUnit.SECONDS);

                // And one answer comes back at its worst case
                List<LaneRequest> inFlight = new ArrayList<>(routed.values());
                Money firstCost = answer(bootstrap, inFlight.get(0), true);

                // Then the other two calls' holds still count: the waiting jobs still wait
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    RunBudget run = runBudget(readState(bootstrap), runId);
                    return run != null && run.spent().equals(firstCost);
                });
                assertThat(waitingForBudget(readState(bootstrap), runId)).hasSize(2);
                assertThat(runBudget(readState(bootstrap), runId).limit()).isEqualTo(budget);

                // And once the other two answer cheaply, the jobs that waited are routed by the new router
                answer(bootstrap, inFlight.get(1), false);
                answer(bootstrap, inFlight.get(2), false);
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    readLanes(lanes, runId, routed);
                    return routed.size() == 5;
                });
                assertThat(routed.keySet())
                        .containsExactlyInAnyOrderElementsOf(
                                jobs.stream().map(Job::jobId).toList());
                assertThat(waitingForBudget(readState(bootstrap), runId)).isEmpty();
            } finally {
                second.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aRestartedRouterRoutesByTheDeadlineOfARunPlannedBeforeIt() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrapServers();
        String runId = "r-deadline-" + UUID.randomUUID();
        Instant deadline = Instant.now().plus(Duration.ofHours(9)).truncatedTo(ChronoUnit.SECONDS);
        RouterConfig routerConfig = RouterConfig.coreOnly(CONFIG);

        // Given: the first router read a plan due in nine hours and wrote its deadline with the run's state
        Vertx first = Vertx.vertx();
        first.deployVerticle(new RouterVerticle(CONFIG, bootstrap, routerConfig))
                .await(60, TimeUnit.SECONDS);
        RunPlanned plan = new RunPlanned(
                        runId, "acme", "/repo", "c0ffee", TaskType.DOCS, List.of(), 0, List.of(), true, Instant.now())
                .withDeadline(deadline);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-ingest"))) {
            producer.send(new ProducerRecord<>(
                            Topics.RUNS, RecordKeys.tenant("acme"), MessageCodec.RUN_PLANNED.encode(plan)))
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            RunBudget run = runBudget(readState(bootstrap), runId);
            return run != null && deadline.equals(run.deadline());
        });

        // When: it stops, another starts in its place (the plan's offset is committed: it reads the plan no more),
        // and a document of the run comes
        first.close().await(30, TimeUnit.SECONDS);
        Vertx second = Vertx.vertx();
        try (KafkaConsumer<String, byte[]> batchLane =
                new KafkaConsumer<>(KafkaClientProps.consumer(bootstrap, "it-batch-lane", "it-batch-lane-" + runId))) {
            second.deployVerticle(new RouterVerticle(CONFIG, bootstrap, routerConfig))
                    .await(60, TimeUnit.SECONDS);
            batchLane.subscribe(List.of(Topics.batchLane("gemini")));
            Job doc = Jobs.job(runId, "src/AfterRestart.java", TaskType.DOCS, 800);
            publish(bootstrap, List.of(doc));

            // Then: it goes to gemini's batch lane, routed by the deadline the first router wrote
            Map<String, LaneRequest> routed = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : batchLane.poll(Duration.ofMillis(200))) {
                    LaneRequest request = MessageCodec.LANE_REQUEST.decode(r.value());
                    if (request.job().runId().equals(runId)) {
                        routed.put(request.job().jobId(), request);
                    }
                }
                return routed.containsKey(doc.jobId());
            });
            assertThat(routed.get(doc.jobId()).tier()).isEqualTo(ServiceTier.BATCH);
        } finally {
            second.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** Publishes jobs only, their run's plan already read. */
    private static void publish(String bootstrap, List<Job> jobs) throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-ingest"))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Job job : jobs) {
                sent.add(producer.send(new ProducerRecord<>(
                        Topics.JOBS, RecordKeys.tenant(job.tenant()), MessageCodec.JOB.encode(job))));
            }
            Acks.flushAndCheck(producer, sent);
        }
    }

    private static Money worstCase(RouterConfig routerConfig, Job job) {
        var rule = RoutingPolicy.coreRules(CONFIG).stream()
                .filter(r -> r.task() == job.task())
                .findFirst()
                .orElseThrow();
        return new HardConstraints(routerConfig.constraints())
                .worstCaseCost(job, CONFIG.model(rule.chain().get(0)));
    }

    private static void publish(String bootstrap, String runId, List<Job> jobs, Money maxCost) throws Exception {
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-ingest"))) {
            producer.send(new ProducerRecord<>(Topics.RUNS, "acme", RouterBudgetIT.runPlanned(runId, jobs, maxCost)))
                    .get(30, TimeUnit.SECONDS);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Job job : jobs) {
                sent.add(producer.send(new ProducerRecord<>(
                        Topics.JOBS, RecordKeys.tenant(job.tenant()), MessageCodec.JOB.encode(job))));
            }
            Acks.flushAndCheck(producer, sent);
        }
    }

    /** Publishes a success for the request, billed at its worst case or at a tenth of its output budget. */
    private static Money answer(String bootstrap, LaneRequest request, boolean atWorstCase) throws Exception {
        Job job = request.job();
        long input = RouterConfig.coreOnly(CONFIG).constraints().inputWithMargin(job.inputTokens());
        Usage usage = atWorstCase
                ? Usage.of(input, 0, 0, job.maxOutputTokens())
                : Usage.of(job.inputTokens(), 0, 0, job.maxOutputTokens() / 10);
        Money cost = CONFIG.price(request.model()).cost(usage);
        AttemptResult result = Attempts.succeeded(request, cost);
        try (KafkaProducer<String, byte[]> out =
                new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "it-worker"))) {
            out.send(new ProducerRecord<>(
                            Topics.RESULTS, RecordKeys.tenant(job.tenant()), MessageCodec.JOB_EVENT.encode(result)))
                    .get(30, TimeUnit.SECONDS);
        }
        return cost;
    }

    private static KafkaConsumer<String, byte[]> laneReader(String bootstrap, String runId) {
        KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(KafkaClientProps.consumer(bootstrap, "it-lanes", "it-lanes-" + runId));
        c.subscribe(CONFIG.providers().keySet().stream().map(Topics::lane).toList());
        return c;
    }

    private static void readLanes(KafkaConsumer<String, byte[]> lanes, String runId, Map<String, LaneRequest> into) {
        for (ConsumerRecord<String, byte[]> r : lanes.poll(Duration.ofMillis(200))) {
            LaneRequest request = MessageCodec.LANE_REQUEST.decode(r.value());
            if (request.job().runId().equals(runId)) {
                into.putIfAbsent(request.job().jobId(), request);
            }
        }
    }

    /** The router-state topic read whole: each key's latest state. */
    private static Map<String, RouterState> readState(String bootstrap) {
        var props = KafkaClientProps.consumer(bootstrap, "it-state", "unused");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, RouterState> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            List<TopicPartition> tps = c.partitionsFor(Topics.ROUTER_STATE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), RouterState.CODEC.decode(r.value()));
                    }
                }
            }
        }
        return latest;
    }

    private static List<JobRouting> waitingForBudget(Map<String, RouterState> state, String runId) {
        return state.values().stream()
                .filter(JobRouting.class::isInstance)
                .map(JobRouting.class::cast)
                .filter(j -> j.runId().equals(runId) && j.waitingForBudget() != null)
                .toList();
    }

    private static RunBudget runBudget(Map<String, RouterState> state, String runId) {
        return (RunBudget) state.get(RouterState.runKey(runId));
    }
}
