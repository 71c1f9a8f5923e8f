package dev.nightshift.core.metrics;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The catalogue of every meter nightshift exposes: name, type, base unit and the only tag keys it may carry.
 * Services register meters from these constants (never from string literals), and the Grafana dashboard and
 * Prometheus rules in {@code monitoring/} may use only the Prometheus names derived here; a test in
 * {@code deploy/} holds both to that. {@code docs/METRICS.md} lists the catalogue with its Prometheus names.
 *
 * <p>Why tags are bounded: every distinct tag value is a new time series in every Prometheus that scrapes us.
 * Tags therefore carry only values from small, configured sets (providers, models, tasks, tenants, enum
 * constants). Job ids, repository paths, file names, prompts and API keys never become tag values;
 * {@link Meter#requireSafeTag(String, String)} rejects them. The one exception is {@link #RUN}: run ids
 * label only the {@code nightshift.run.*} gauges, and only while a run is active (see {@link #RUN}).
 *
 * <p>Tag values are lowercase: enum constants go through {@link #tagValue(Enum)} ({@code DEAD_LETTERED} →
 * {@code dead_lettered}), ids are used as configured. A counter is incremented by each replica for what that
 * replica did, so dashboards combine counters across replicas with {@code sum}; gauges that report one
 * shared figure (a group's lag, an account's limit) say so in {@link Meter#combine()} and are combined with
 * {@code max}.
 */
public final class MetricNames {

    /** What kind of Micrometer meter a catalogue entry is. */
    public enum Type {
        /** Monotonic; Prometheus name gets {@code _total}. */
        COUNTER,
        /** A current value. */
        GAUGE,
        /** Durations; Prometheus name gets {@code _seconds}, series {@code _count}, {@code _sum}, {@code _max}. */
        TIMER
    }

    /** How series of one meter from several replicas (or several services) combine into one figure. */
    public enum Combine {
        /** Each replica reports its own share: add them up. */
        SUM,
        /** Each replica reports the same shared figure: take the largest (the freshest view). */
        MAX
    }

    // ---- tag keys: the complete, bounded set -------------------------------------------------------------

    /** Provider account id from config, e.g. {@code deepseek}. */
    public static final String PROVIDER = "provider";
    /** Model id as configured under the provider (the config key, e.g. {@code deepseek-chat}). */
    public static final String MODEL = "model";
    /** {@link dev.nightshift.core.job.TaskType#id()}: {@code docs}, {@code tests}. */
    public static final String TASK = "task";
    /** {@link dev.nightshift.core.event.Outcome}: {@code succeeded}, {@code failed}. */
    public static final String OUTCOME = "outcome";
    /** {@link dev.nightshift.core.event.FailureClass}, or {@link #NONE} for a success. */
    public static final String FAILURE_CLASS = "failure_class";
    /** A quota dimension: one of {@link #DIMENSIONS}. */
    public static final String DIMENSION = "dimension";
    /** A {@link dev.nightshift.core.job.JobState} or a circuit state ({@code closed}, {@code open}, {@code half_open}). */
    public static final String STATE = "state";
    /** The tenant of a run ({@code default} unless the request names one); tenants are configured, so bounded. */
    public static final String TENANT = "tenant";
    /** The service that registered the meter: {@code ingest}, {@code router}, {@code worker}, {@code sink}; a common tag. */
    public static final String SERVICE = "service";
    /** A usage bucket: one of {@link #BUCKETS}. */
    public static final String BUCKET = "bucket";
    /**
     * A run id, allowed only on the {@code nightshift.run.*} gauges. Run ids are unbounded over time, so the
     * sink registers a run's gauges when its plan arrives and removes them {@link #RUN_GAUGE_GRACE_MINUTES}
     * minutes after the run reaches a terminal state, and keeps at most {@link #MAX_RUNS_LABELLED} runs labelled
     * (the oldest finished first, then the oldest started). Live cardinality is then bounded by the runs in
     * flight — a handful overnight — while Prometheus keeps the history. Per-run figures beyond that live in the
     * sink's API, not in metrics. Every other meter aggregates over runs (by tenant).
     */
    public static final String RUN = "run";
    /** The language id of a job's unit as ingest detected it ({@code java}, {@code python}, {@code typescript}, …). */
    public static final String LANGUAGE = "language";
    /**
     * {@link dev.nightshift.core.validation.Verdict} of a generated test in lowercase ({@code passed},
     * {@code no_gain}, {@code build_failed}, …), or {@link #NONE} for a test attempt nothing validated.
     */
    public static final String VERDICT = "verdict";

    public static final Set<String> TAG_KEYS = Set.of(
            PROVIDER,
            MODEL,
            TASK,
            OUTCOME,
            FAILURE_CLASS,
            DIMENSION,
            STATE,
            TENANT,
            SERVICE,
            BUCKET,
            RUN,
            LANGUAGE,
            VERDICT);

    /** How long a finished run keeps its {@code nightshift.run.*} gauges, so its last values are scraped. */
    public static final int RUN_GAUGE_GRACE_MINUTES = 15;
    /** The most runs labelled at once. */
    public static final int MAX_RUNS_LABELLED = 50;

    // ---- bounded tag values -------------------------------------------------------------------------------

    /** {@link #FAILURE_CLASS} of a successful attempt; {@link #VERDICT} of a test attempt nothing validated. */
    public static final String NONE = "none";

    public static final String BUCKET_UNCACHED_INPUT = "uncached_input";
    public static final String BUCKET_CACHE_READ_INPUT = "cache_read_input";
    public static final String BUCKET_CACHE_WRITE_INPUT = "cache_write_input";
    public static final String BUCKET_OUTPUT = "output";
    /** The four disjoint buckets of {@link dev.nightshift.core.usage.Usage}. */
    public static final List<String> BUCKETS =
            List.of(BUCKET_UNCACHED_INPUT, BUCKET_CACHE_READ_INPUT, BUCKET_CACHE_WRITE_INPUT, BUCKET_OUTPUT);

    public static final String DIMENSION_REQUESTS_PER_MINUTE = "requests_per_minute";
    public static final String DIMENSION_INPUT_TOKENS_PER_MINUTE = "input_tokens_per_minute";
    public static final String DIMENSION_OUTPUT_TOKENS_PER_MINUTE = "output_tokens_per_minute";
    public static final String DIMENSION_CONCURRENT_REQUESTS = "concurrent_requests";
    public static final String DIMENSION_REQUESTS_PER_DAY = "requests_per_day";
    public static final String DIMENSION_TOKENS_PER_DAY = "tokens_per_day";
    /** The dimensions of {@link dev.nightshift.core.config.Limits}, in its order. */
    public static final List<String> DIMENSIONS = List.of(
            DIMENSION_REQUESTS_PER_MINUTE,
            DIMENSION_INPUT_TOKENS_PER_MINUTE,
            DIMENSION_OUTPUT_TOKENS_PER_MINUTE,
            DIMENSION_CONCURRENT_REQUESTS,
            DIMENSION_REQUESTS_PER_DAY,
            DIMENSION_TOKENS_PER_DAY);

    /** Values of {@link #STATE} on {@link #CIRCUIT_STATE}. */
    public static final List<String> CIRCUIT_STATES = List.of("closed", "open", "half_open");

    // ---- jobs and attempts --------------------------------------------------------------------------------

    /**
     * Jobs entering a state: the worker counts {@code running} (first attempt), the sink the terminal states
     * ({@code succeeded}, {@code failed}, {@code dead_lettered}, {@code cancelled}), once per job (a redelivered
     * result does not count twice). Throughput is the rate of the terminal states; planned jobs are a run's
     * {@link #RUN_JOBS_PLANNED}.
     */
    public static final Meter JOBS = counter(
            "nightshift.jobs",
            null,
            Combine.SUM,
            "worker, sink",
            "Jobs entering a state, by state, task and tenant.",
            STATE,
            TASK,
            TENANT);

    /** Jobs the router published to a lane, first routing and failovers alike. */
    public static final Meter JOBS_ROUTED = counter(
            "nightshift.jobs.routed",
            null,
            Combine.SUM,
            "router",
            "Jobs published to a provider lane, by provider, model and task.",
            PROVIDER,
            MODEL,
            TASK);

    /** One per provider call that ended; {@link #FAILURE_CLASS} is {@link #NONE} when the outcome is a success. */
    public static final Meter ATTEMPTS = counter(
            "nightshift.attempts",
            null,
            Combine.SUM,
            "worker",
            "Provider calls that ended, by outcome and failure class.",
            PROVIDER,
            MODEL,
            TASK,
            OUTCOME,
            FAILURE_CLASS);

    // ---- tokens and money ---------------------------------------------------------------------------------

    /** Billed tokens per usage bucket; a bucket the provider did not report is not incremented (not even by 0). */
    public static final Meter TOKENS = counter(
            "nightshift.tokens",
            "tokens",
            Combine.SUM,
            "worker",
            "Billed tokens by usage bucket.",
            PROVIDER,
            MODEL,
            TASK,
            BUCKET);

    /**
     * Dollars charged, from the configured prices. A Prometheus counter is a double: this is for dashboards
     * and alerts only; the sink's ledger (exact {@link dev.nightshift.core.money.Money}) is the bill.
     */
    public static final Meter COST = counter(
            "nightshift.cost",
            "dollars",
            Combine.SUM,
            "worker",
            "Dollars charged, by provider, model, task and tenant.",
            PROVIDER,
            MODEL,
            TASK,
            TENANT);

    /**
     * What the same usage would have cost on the configured {@code baseline} model, tagged with the model that
     * actually ran; savings are {@code baseline − cost}.
     */
    public static final Meter COST_BASELINE = counter(
            "nightshift.cost.baseline",
            "dollars",
            Combine.SUM,
            "worker",
            "Dollars the baseline model would have charged for the same usage.",
            PROVIDER,
            MODEL,
            TASK,
            TENANT);

    // ---- validation of generated tests ---------------------------------------------------------------------

    /**
     * Generated tests the validator judged, one per validated attempt, by the verdict. Pass rate of a model on a
     * language: {@code passed} over every verdict but {@code infrastructure} (the validator's own failures are
     * never counted against a model).
     */
    public static final Meter VALIDATION_VERDICTS = counter(
            "nightshift.validation.verdicts",
            null,
            Combine.SUM,
            "sink",
            "Generated tests judged by the validator, by provider, model, language and verdict.",
            PROVIDER,
            MODEL,
            LANGUAGE,
            VERDICT);

    /**
     * Dollars of every attempt of a test job, by the verdict its test got ({@link #NONE} when no test was judged:
     * the call failed or its reply held no test). Cost per passing test: these dollars (without
     * {@code verdict="infrastructure"}) over {@link #VALIDATION_VERDICTS}{@code {verdict="passed"}}. A double, like
     * {@link #COST}: the sink's ledger is the bill.
     */
    public static final Meter VALIDATION_COST = counter(
            "nightshift.validation.cost",
            "dollars",
            Combine.SUM,
            "sink",
            "Dollars of test-job attempts, by provider, model, language and the verdict of their test.",
            PROVIDER,
            MODEL,
            LANGUAGE,
            VERDICT);

    // ---- quotas and throttling ----------------------------------------------------------------------------

    /**
     * How much of a dimension this replica used in the dimension's current window (requests or tokens in the
     * last minute or day; calls now in flight). Replicas share one account: sum them, divide by
     * {@link #QUOTA_LIMIT}, and you have the account's utilisation.
     */
    public static final Meter QUOTA_USED = gauge(
            "nightshift.quota.used",
            null,
            Combine.SUM,
            "worker",
            "Quota used in the current window by this replica, per provider and dimension.",
            PROVIDER,
            DIMENSION);

    /** The account-wide limit in force (configured, then corrected by AIMD and rate-limit headers). */
    public static final Meter QUOTA_LIMIT = gauge(
            "nightshift.quota.limit",
            null,
            Combine.MAX,
            "worker",
            "Account-wide limit currently in force, per provider and dimension.",
            PROVIDER,
            DIMENSION);

    /** This replica's share of {@link #QUOTA_LIMIT} (limit ÷ live members of the lane's share group). */
    public static final Meter QUOTA_SHARE = gauge(
            "nightshift.quota.share",
            null,
            Combine.SUM,
            "worker",
            "This replica's share of the account limit, per provider and dimension.",
            PROVIDER,
            DIMENSION);

    /** Time a job's call was held back because the quota said "wait" (jobs wait, they are not refused). */
    public static final Meter QUOTA_WAIT = timer(
            "nightshift.quota.wait",
            false,
            Combine.SUM,
            "worker",
            "Time calls waited for quota, per provider and the dimension that held them.",
            PROVIDER,
            DIMENSION);

    /** HTTP 429 answers (the exception, not the control loop: this should stay near zero). */
    public static final Meter RATE_LIMITED = counter(
            "nightshift.rate.limited", null, Combine.SUM, "worker", "429 answers from providers.", PROVIDER, MODEL);

    /**
     * Runs for which a provider was paused because it answered out of credit or quota (402, a billing error, a
     * spent quota): from then on the worker sends that run no call on this provider and fails its jobs over.
     * Counted once per run and replica; the lane registers it at 0, so the first pause shows in {@code increase()}.
     */
    public static final Meter PROVIDER_PAUSED = counter(
            "nightshift.provider.paused",
            null,
            Combine.SUM,
            "worker",
            "Runs for which a provider was paused after it answered out of credit or quota (402).",
            PROVIDER);

    /** Pauses taken because a provider said {@code retry-after} (or its rate-limit reset headers). */
    public static final Meter RETRY_AFTER = timer(
            "nightshift.retry.after",
            false,
            Combine.SUM,
            "worker",
            "Waits the providers asked for with retry-after.",
            PROVIDER);

    // ---- calls and circuits -------------------------------------------------------------------------------

    /** Provider call latency, request sent to response read, with a percentile histogram for p50/p95/p99. */
    public static final Meter CALL_DURATION = timer(
            "nightshift.call.duration",
            true,
            Combine.SUM,
            "worker",
            "Provider call latency, by provider, model and outcome.",
            PROVIDER,
            MODEL,
            OUTCOME);

    /** Calls sent and not yet answered, on this replica. */
    public static final Meter CALLS_IN_FLIGHT =
            gauge("nightshift.calls.inflight", null, Combine.SUM, "worker", "Provider calls in flight.", PROVIDER);

    /**
     * Circuit state as one series per state: 1 for the state the circuit is in, 0 for the others. Every
     * replica keeps its own breaker, so {@code max} says "open on at least one replica".
     */
    public static final Meter CIRCUIT_STATE = gauge(
            "nightshift.circuit.state",
            null,
            Combine.MAX,
            "worker",
            "1 for the provider circuit's current state (closed, open, half_open), 0 for the others.",
            PROVIDER,
            STATE);

    // ---- provider batches (the overnight lane) -------------------------------------------------------------

    /** Provider batches submitted and not yet ended, held by this replica's batch lanes. */
    public static final Meter BATCHES_OPEN = gauge(
            "nightshift.batches.open",
            null,
            Combine.SUM,
            "worker",
            "Provider batches submitted and not yet ended.",
            PROVIDER);

    /** Requests in provider batches (or being collected into one) whose results have not come back. */
    public static final Meter BATCH_ITEMS_WAITING = gauge(
            "nightshift.batch.items.waiting",
            "requests",
            Combine.SUM,
            "worker",
            "Requests collected or submitted in provider batches, results not yet back.",
            PROVIDER);

    /** From a batch's submission to its end (completed, expired, cancelled or failed), by provider and state. */
    public static final Meter BATCH_TURNAROUND = timer(
            "nightshift.batch.turnaround",
            true,
            Combine.SUM,
            "worker",
            "Time from submitting a provider batch to its end, by provider and end state.",
            PROVIDER,
            STATE);

    // ---- Kafka --------------------------------------------------------------------------------------------

    /** Records of a lane not yet acknowledged (share-group lag); every replica reports the same group figure. */
    public static final Meter LANE_BACKLOG = gauge(
            "nightshift.lane.backlog",
            "records",
            Combine.MAX,
            "worker",
            "Lane records not yet acknowledged (share-group lag).",
            PROVIDER);

    /** Records the broker moved to {@code dlq.nightshift.lane.<provider>}, counted by the sink as it reads them. */
    public static final Meter DEAD_LETTERS = counter(
            "nightshift.dead.letters",
            null,
            Combine.SUM,
            "sink",
            "Records dead-lettered by the broker, per provider lane.",
            PROVIDER);

    /** Lag of an ordinary consumer group: router on jobs and retry, sink on results and runs. */
    public static final Meter CONSUMER_LAG = gauge(
            "nightshift.consumer.lag",
            "records",
            Combine.MAX,
            "router, sink",
            "Records not yet consumed by the service's consumer group.");

    // ---- runs (labelled by run id while active; see RUN) --------------------------------------------------

    /** When the run's plan arrived, in Unix seconds; lets alerts tell a new run from a stuck one. */
    public static final Meter RUN_STARTED = gauge(
            "nightshift.run.started.timestamp",
            "seconds",
            Combine.MAX,
            "sink",
            "Unix time at which an active run was planned.",
            RUN,
            TENANT,
            TASK);

    /** Jobs the run's plan holds. */
    public static final Meter RUN_JOBS_PLANNED = gauge(
            "nightshift.run.jobs.planned",
            null,
            Combine.MAX,
            "sink",
            "Jobs in an active run's plan.",
            RUN,
            TENANT,
            TASK);

    /** Jobs of the run in each terminal state; all four states are registered from the start (0 until one lands). */
    public static final Meter RUN_JOBS_DONE = gauge(
            "nightshift.run.jobs.done",
            null,
            Combine.MAX,
            "sink",
            "Jobs of an active run that reached a terminal state, by state.",
            RUN,
            TENANT,
            TASK,
            STATE);

    /**
     * Failed attempts of the run, by failure class (retries included: a job may fail over and then succeed). Every
     * class is registered at 0 with the run's other gauges, so that a run without failures reads 0, not "no data".
     */
    public static final Meter RUN_FAILURES = gauge(
            "nightshift.run.failures",
            null,
            Combine.MAX,
            "sink",
            "Failed attempts of an active run, by failure class.",
            RUN,
            FAILURE_CLASS);

    /** Seconds until the run is expected to end, from its recent completion rate; absent until one job ends. */
    public static final Meter RUN_ETA = gauge(
            "nightshift.run.eta", "seconds", Combine.MAX, "sink", "Estimated seconds until an active run ends.", RUN);

    /**
     * Dollars billed to the run so far: the sum of its ledger lines, read from the sink's store after every batch
     * (so a restarted sink reports the whole run, not what it saw since it started). This is what a run spent;
     * {@link #RUN_COMMITTED} adds what is only reserved for calls in flight.
     */
    public static final Meter RUN_COST = gauge(
            "nightshift.run.cost",
            "dollars",
            Combine.MAX,
            "sink",
            "Dollars billed to an active run so far, from the sink's ledger.",
            RUN,
            TENANT);

    /** The run's budget; absent for a run without one. */
    public static final Meter RUN_BUDGET =
            gauge("nightshift.run.budget", "dollars", Combine.MAX, "router", "Budget of an active run.", RUN, TENANT);

    /**
     * Dollars the router holds against the run's budget: settled calls plus reservations for calls not yet
     * answered. It decides cancellation, so budget alerts use it; it is not spend (see {@link #RUN_COST}): the
     * reserved part is {@code committed − cost}.
     */
    public static final Meter RUN_COMMITTED = gauge(
            "nightshift.run.committed",
            "dollars",
            Combine.MAX,
            "router",
            "Dollars committed against an active run's budget: billed plus reserved for calls in flight.",
            RUN,
            TENANT);

    /** The name the router's code registers {@link #RUN_COMMITTED} under; the same meter. */
    public static final Meter RUN_SPENT = RUN_COMMITTED;

    /** Budget left: {@link #RUN_BUDGET} − {@link #RUN_COMMITTED}, published so that alerts need no arithmetic. */
    public static final Meter RUN_BUDGET_REMAINING = gauge(
            "nightshift.run.budget.remaining",
            "dollars",
            Combine.MAX,
            "router",
            "Dollars an active run may still commit: budget minus billed and reserved.",
            RUN,
            TENANT);

    /** Every meter, in catalogue order. */
    public static final List<Meter> ALL = List.of(
            JOBS,
            JOBS_ROUTED,
            ATTEMPTS,
            TOKENS,
            COST,
            COST_BASELINE,
            VALIDATION_VERDICTS,
            VALIDATION_COST,
            QUOTA_USED,
            QUOTA_LIMIT,
            QUOTA_SHARE,
            QUOTA_WAIT,
            RATE_LIMITED,
            PROVIDER_PAUSED,
            RETRY_AFTER,
            CALL_DURATION,
            CALLS_IN_FLIGHT,
            BATCHES_OPEN,
            BATCH_ITEMS_WAITING,
            BATCH_TURNAROUND,
            CIRCUIT_STATE,
            LANE_BACKLOG,
            DEAD_LETTERS,
            CONSUMER_LAG,
            RUN_STARTED,
            RUN_JOBS_PLANNED,
            RUN_JOBS_DONE,
            RUN_FAILURES,
            RUN_ETA,
            RUN_COST,
            RUN_BUDGET,
            RUN_COMMITTED,
            RUN_BUDGET_REMAINING);

    /** The safe alphabet of a tag value; '/' only in model ids (OpenRouter-style {@code vendor/model}). */
    private static final Pattern SAFE_VALUE = Pattern.compile("[a-z0-9][a-z0-9._:-]{0,63}");

    private static final Pattern SAFE_MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    /** Job ids ({@code j-} + hex, see JobIds) and bare hashes identify work items: unbounded. */
    private static final Pattern LOOKS_LIKE_ID = Pattern.compile("(j-)?[0-9a-f]{16,}");
    /** Shapes of provider keys (OpenAI/DeepSeek/Anthropic {@code sk-…}, Google {@code AIza…}). */
    private static final Pattern LOOKS_LIKE_KEY = Pattern.compile("(?i)(sk-|aiza).*");

    private MetricNames() {}

    /** An enum constant as a tag value: lowercase, e.g. {@code DEAD_LETTERED} → {@code dead_lettered}. */
    public static String tagValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The catalogue entry with this Micrometer name. */
    public static Meter byName(String name) {
        return ALL.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + name + "' is not in MetricNames; add it to the catalogue first"));
    }

    /**
     * Checks a Prometheus text exposition (what {@code /metrics} serves) against the catalogue: every
     * {@code nightshift_*} series must be a catalogued series, carry only its meter's tag keys (plus
     * {@link #SERVICE} and the histogram's {@code le}), and only bounded values. Other families (JVM, process)
     * are not ours and are ignored. Tests of the services call it on a real scrape after a pipeline run.
     *
     * @return one line per violation, naming the series and the label, never a value shaped like a key
     */
    public static List<String> violations(String exposition) {
        java.util.Map<String, Meter> bySeries = new java.util.HashMap<>();
        ALL.forEach(m -> m.prometheusSeries().forEach(s -> bySeries.put(s, m)));
        List<String> problems = new java.util.ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || !line.startsWith("nightshift_")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String series = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Meter meter = bySeries.get(series);
            if (meter == null) {
                problems.add(series + ": not in MetricNames");
                continue;
            }
            if (brace >= 0 && brace < space) {
                labels(line.substring(brace + 1, line.lastIndexOf('}'))).forEach((key, value) -> {
                    if (key.equals("le") && series.endsWith("_bucket")) {
                        return;
                    }
                    try {
                        meter.requireSafeTag(key, value);
                    } catch (IllegalArgumentException e) {
                        problems.add(series + ": " + e.getMessage());
                    }
                });
            }
        }
        return problems;
    }

    /** Parses {@code a="x",b="y\"z"} (the exposition's escaping: backslash, quote, newline). */
    private static java.util.Map<String, String> labels(String text) {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // skip ="
            while (j < text.length() && text.charAt(j) != '"') {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
        }
        return labels;
    }

    private static Meter counter(
            String name, String unit, Combine combine, String emittedBy, String description, String... tags) {
        return new Meter(name, Type.COUNTER, unit, false, combine, emittedBy, description, tagSet(tags));
    }

    private static Meter gauge(
            String name, String unit, Combine combine, String emittedBy, String description, String... tags) {
        return new Meter(name, Type.GAUGE, unit, false, combine, emittedBy, description, tagSet(tags));
    }

    private static Meter timer(
            String name, boolean histogram, Combine combine, String emittedBy, String description, String... tags) {
        return new Meter(name, Type.TIMER, "seconds", histogram, combine, emittedBy, description, tagSet(tags));
    }

    private static Set<String> tagSet(String... tags) {
        return new LinkedHashSet<>(Arrays.asList(tags));
    }

    /**
     * One catalogue entry.
     *
     * @param name        the Micrometer name (dots), e.g. {@code nightshift.cost}
     * @param type        counter, gauge or timer
     * @param baseUnit    Micrometer base unit, appended to the Prometheus name; null for plain counts
     * @param histogram   a timer that publishes a percentile histogram ({@code _bucket} series)
     * @param combine     how to combine the series of several replicas
     * @param emittedBy   which services register it
     * @param description the Micrometer description (Prometheus {@code HELP})
     * @param tagKeys     the only tag keys it may carry (besides the common {@link #SERVICE})
     */
    public record Meter(
            String name,
            Type type,
            String baseUnit,
            boolean histogram,
            Combine combine,
            String emittedBy,
            String description,
            Set<String> tagKeys) {
        public Meter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            if (!name.matches("nightshift(\\.[a-z]+)+")) {
                throw new IllegalArgumentException("meter name '" + name + "' must be nightshift.<lowercase words>");
            }
            if (!TAG_KEYS.containsAll(tagKeys)) {
                throw new IllegalArgumentException(
                        name + ": tag keys " + tagKeys + " outside the bounded set " + TAG_KEYS);
            }
            if (name.matches(".*\\.(total|created|bucket|info|count|sum|max)")) {
                // Prometheus' client strips these suffixes (they name series of their own), so the name would change.
                throw new IllegalArgumentException(
                        "meter name '" + name + "' must not end in a Prometheus series suffix");
            }
            if (tagKeys.contains(RUN) && !name.startsWith("nightshift.run.")) {
                throw new IllegalArgumentException(name + ": only nightshift.run.* meters may carry the run tag");
            }
            tagKeys = Set.copyOf(tagKeys);
        }

        /**
         * The name Micrometer's Prometheus registry exposes: dots become underscores, the base unit is appended
         * unless the name already ends with it, counters get {@code _total}, timers {@code _seconds}.
         */
        public String prometheusName() {
            String snake = name.replace('.', '_');
            if (baseUnit != null && !snake.endsWith("_" + baseUnit)) {
                snake = snake + "_" + baseUnit;
            }
            return type == Type.COUNTER ? snake + "_total" : snake;
        }

        /** Every series name Prometheus stores for this meter (a timer has several). */
        public List<String> prometheusSeries() {
            String base = prometheusName();
            return switch (type) {
                case COUNTER, GAUGE -> List.of(base);
                case TIMER ->
                    histogram
                            ? List.of(base + "_count", base + "_sum", base + "_max", base + "_bucket")
                            : List.of(base + "_count", base + "_sum", base + "_max");
            };
        }

        /**
         * Fails unless {@code key} is one of this meter's tag keys (or {@link #SERVICE}) and {@code value} is a
         * bounded value: lowercase id alphabet, at most 64 characters, no path, no job id or hash, nothing shaped
         * like an API key. Services call it (or a Micrometer {@code MeterFilter} built on it) before tagging.
         *
         * @throws IllegalArgumentException naming the meter, the key and what is wrong, never the value itself
         *                                  when it may be a secret
         */
        public void requireSafeTag(String key, String value) {
            if (!SERVICE.equals(key) && !tagKeys.contains(key)) {
                throw new IllegalArgumentException(name + " has no tag '" + key + "'; its tags are " + tagKeys);
            }
            if (value == null || LOOKS_LIKE_KEY.matcher(value).matches()) {
                throw new IllegalArgumentException(name + ": tag '" + key + "' must be a short id, not a key or null");
            }
            Pattern shape = MODEL.equals(key) ? SAFE_MODEL : SAFE_VALUE;
            if (!shape.matcher(value).matches() || LOOKS_LIKE_ID.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        name + ": tag '" + key + "' value '" + value
                                + "' is not a bounded id (lowercase letters, digits, '.', '_', ':', '-'; no paths, job ids or hashes)");
            }
            if (!MODEL.equals(key) && value.contains("/")) {
                throw new IllegalArgumentException(name + ": tag '" + key + "' must not carry a path");
            }
        }
    }
}
