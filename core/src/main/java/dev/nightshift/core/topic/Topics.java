package dev.nightshift.core.topic;

import dev.nightshift.core.cache.CacheTopics;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.provider.ModelRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every Kafka topic and group name, in one place. */
public final class Topics {
    /** Planned jobs, keyed by tenant ({@code RecordKeys}); ingest → router. */
    public static final String JOBS = "nightshift.jobs";
    /**
     * Folders' and the repository's documentation jobs as planned, awaiting their children's documents, keyed by
     * tenant; ingest → sink, which composes each once its children's documents exist and publishes it on {@link #JOBS}.
     */
    public static final String DOCS_AWAITING = "nightshift.docs-awaiting";
    /** Run plans, keyed by tenant; ingest → router (budgets, evaluation arms) and sink. */
    public static final String RUNS = "nightshift.runs";
    /** What happened to each job (attempts with usage and cost, the router's ends), keyed by tenant; → router, sink. */
    public static final String RESULTS = "nightshift.results";
    /** Answered test jobs waiting for the validator's verdict, keyed by job id; workers → validator. */
    public static final String VALIDATE = "nightshift.validate";
    /** Jobs that failed on one model and may go to another, keyed by tenant; workers → router. */
    public static final String RETRY = "nightshift.retry";
    /** Run requests from `nightshift submit`, keyed by run id; CLI → ingest. */
    public static final String REQUESTS = "nightshift.requests";
    /** Provider health, compacted, keyed by provider; workers → router and metrics. */
    public static final String HEALTH = "nightshift.health";
    /**
     * Routing statistics, compacted, keyed by cell id ({@code task/language/bucket/provider/model}); the value is a
     * {@code RoutingCell}. Sink → routers: every router reads it whole, so figures survive a router restart and
     * replicas route by the same figures.
     */
    public static final String ROUTING_STATS = "nightshift.routing-stats";
    /**
     * What people decided about runs (interrupted, resumed, cancelled), compacted, keyed by run id; the value is a
     * {@code RunControl}. CLI → router, workers and sink, each of which reads it whole.
     */
    public static final String RUN_CONTROL = "nightshift.run-control";
    /**
     * What each router needs to carry on where it stopped (budgets spent and held, the jobs it routed and where they
     * stand), compacted; records sit in the partition of their tenant, beside that tenant's jobs. Written by the router
     * that owns the partition before it commits the offsets of what it handled; read back when a router is given the
     * partition (at start, or after another router left).
     */
    public static final String ROUTER_STATE = "nightshift.router-state";
    /** Dead-letter topics must carry this prefix (the broker's default prefix in Kafka 4.4: it refuses a dead-letter topic without it). */
    public static final String DLQ_PREFIX = "dlq.";

    /**
     * The provider batches in flight, compacted: per batch, its state (collected, submitted with the provider's id, or
     * ended) and its members (each member's lane request under its own key), so that a worker that restarts polls the
     * batches its predecessor submitted instead of submitting them again. Written and read by the workers' batch lanes.
     */
    public static final String BATCHES = "nightshift.batches";

    /**
     * Partitions of a lane topic, whoever creates it first (router or worker): one. A share group hands each member
     * partitions of its own while members are fewer than partitions, and a share consumer takes no new records while
     * any record of its last fetch still runs; so with many partitions, one slow or hung call held back every job
     * queued on its consumer's partitions. On one partition every consumer of every replica shares all the work, and
     * a consumer that is free takes whatever is next. One partition carries far more than any provider account
     * answers (a few hundred calls a second at most); the broker's in-flight cap per share partition
     * ({@code group.share.partition.max.record.locks}, 2000) bounds what all replicas hold together.
     */
    public static final int LANE_PARTITIONS = 1;

    /**
     * Partitions of the run, job, retry, result, router-state and validation topics: twelve divide evenly over 1, 2, 3,
     * 4 or 6 consumers. The router's topics must have the same count (see {@code RecordKeys}).
     */
    public static final int WORK_PARTITIONS = 12;

    public static final String ROUTER_GROUP = "nightshift-router";
    public static final String SINK_GROUP = "nightshift-sink";
    public static final String VALIDATOR_GROUP = "nightshift-validator";

    private Topics() {}

    /**
     * One topic as an administrator creates it ahead of the services (docker-compose's kafka-init, the Helm
     * chart's topic Job): its name, partitions and topic-level configs.
     */
    public record Spec(String name, int partitions, Map<String, String> configs) {
        public Spec {
            configs = Map.copyOf(configs);
        }

        public boolean compacted() {
            return "compact".equals(configs.get("cleanup.policy"));
        }
    }

    /**
     * The topic table: every topic of the services with its partitions and configs, in creation order; per provider a
     * lane ({@link #LANE_PARTITIONS}) and its dead-letter topic. Every service creates its topics from this table on
     * start ({@code TopicAdmin.ensureTable}, idempotently), and so do the deployments (docker-compose's kafka-init, the
     * Helm chart's topic Job, whose scripts the deploy module's tests hold to this table): whoever comes first, the
     * topics are the same. Ordinary topics carry {@code max.message.bytes} of {@link KafkaClientProps#MAX_RECORD_BYTES};
     * compacted ones have one partition but the router's state, which is split like the topics whose state it is.
     */
    public static List<Spec> table(Collection<String> providers) {
        List<Spec> table = new java.util.ArrayList<>(List.of(
                ordinary(REQUESTS, 1),
                ordinary(RUNS, WORK_PARTITIONS),
                ordinary(JOBS, WORK_PARTITIONS),
                ordinary(DOCS_AWAITING, 3),
                ordinary(RETRY, WORK_PARTITIONS),
                ordinary(VALIDATE, WORK_PARTITIONS),
                ordinary(RESULTS, WORK_PARTITIONS),
                compacted(HEALTH),
                compacted(CacheTopics.ARTIFACTS),
                compacted(ROUTING_STATS),
                compacted(RUN_CONTROL),
                new Spec(ROUTER_STATE, WORK_PARTITIONS, Map.of("cleanup.policy", "compact")),
                new Spec(
                        BATCHES,
                        1,
                        Map.of(
                                "cleanup.policy",
                                "compact",
                                "max.message.bytes",
                                String.valueOf(KafkaClientProps.MAX_RECORD_BYTES)))));
        for (String provider : providers) {
            table.add(ordinary(lane(provider), LANE_PARTITIONS));
            table.add(ordinary(batchLane(provider), 1));
            table.add(new Spec(
                    deadLetters(provider),
                    1,
                    Map.of(
                            "errors.deadletterqueue.group.enable",
                            "true",
                            "max.message.bytes",
                            String.valueOf(KafkaClientProps.MAX_RECORD_BYTES))));
        }
        return List.copyOf(table);
    }

    /** {@link #table(Collection)} by name. */
    public static Map<String, Spec> tableByName(Collection<String> providers) {
        Map<String, Spec> byName = new LinkedHashMap<>();
        table(providers).forEach(s -> byName.put(s.name(), s));
        return byName;
    }

    private static Spec ordinary(String name, int partitions) {
        return new Spec(
                name, partitions, Map.of("max.message.bytes", String.valueOf(KafkaClientProps.MAX_RECORD_BYTES)));
    }

    private static Spec compacted(String name) {
        return new Spec(name, 1, Map.of("cleanup.policy", "compact"));
    }

    /** The lane of one provider account: {@code nightshift.lane.<provider>}. */
    public static String lane(String provider) {
        ModelRef.requireId("provider", provider);
        return "nightshift.lane." + provider;
    }

    /**
     * The batch lane of one provider account, {@code nightshift.batch-lane.<provider>}: requests of runs with a deadline
     * that the router sent to the provider's batch API. One partition, read by one worker of the provider's batch group
     * at a time, which collects them into batches.
     */
    public static String batchLane(String provider) {
        ModelRef.requireId("provider", provider);
        return "nightshift.batch-lane." + provider;
    }

    /** The consumer group whose one active member collects and polls a provider's batches. */
    public static String batchGroup(String provider) {
        ModelRef.requireId("provider", provider);
        return "nightshift-batch-" + provider;
    }

    public static String deadLetters(String provider) {
        return DLQ_PREFIX + lane(provider);
    }

    /** The share group whose members work one lane. */
    public static String workerGroup(String provider) {
        ModelRef.requireId("provider", provider);
        return "nightshift-workers-" + provider;
    }
}
