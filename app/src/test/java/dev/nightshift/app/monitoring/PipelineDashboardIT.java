package dev.nightshift.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.app.metrics.MetricsServer;
import dev.nightshift.app.metrics.Telemetry;
import dev.nightshift.app.run.LocalPipeline;
import dev.nightshift.app.run.SinkDocuments;
import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.run.RunPlanned;
import dev.nightshift.core.run.RunRequest;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.latency.Latency;
import dev.nightshift.testkit.GitRepoBuilder;
import dev.nightshift.testkit.KafkaTestBroker;
import dev.nightshift.testkit.SimulatorFixture;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) scrapes the one registry every service
 * of a {@link LocalPipeline} reports into while a run goes through it, and every PromQL expression of the
 * Grafana dashboard and of the alert rules is executed against it, with Grafana's variables substituted as
 * Grafana sends them. Each dashboard expression must return data. Each alert must fire where the run gave it
 * cause and otherwise be shown not to fire: evaluated by Prometheus without error, inactive, and silent over
 * series that all exist (not merely because nothing reports them).
 *
 * <p>The run is a dry run (simulated jobs) against the provider simulator, scripted so that what the
 * dashboard shows happens for real: the provider answers 429 twice, rejects one poison file as a bad
 * request (a terminal failure the broker dead-letters), answers in 0.3–0.9 s, and is limited to two
 * concurrent calls so that calls wait for quota; the run has a budget. (Every provider is scripted so, since
 * the router's bundled tiers, not the config's routing, choose the lane.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineDashboardIT {
    private static final String POISON = "NIGHTSHIFT_POISON_PILL";
    private static final int SOURCE_FILES = 9;

    @TempDir
    static Path dir;

    static SimulatorFixture simulator;
    static LocalPipeline pipeline;
    static PrometheusMeterRegistry registry;
    static Vertx vertx;
    static MetricsServer metricsServer;
    static RealPrometheus prometheus;
    static MonitoringQueries queries;
    static RunPlanned plan;
    static Path repo;
    /** The run as the sink ended it, for failure messages. */
    static String finalStatus;

    @BeforeAll
    static void runThroughThePipelineWhilePrometheusScrapes() throws Exception {
        queries = MonitoringQueries.load(MonitoringQueries.repositoryRoot());
        repo = sampleRepository(dir.resolve("repo"));
        // Every provider is scripted alike: whichever lane the router's tiers choose shows all of it.
        NightshiftConfig config = withConcurrency(ConfigLoader.loadDefault(Map.of()), 2);
        simulator = SimulatorFixture.start(config, s -> {
            for (String provider : config.providers().keySet()) {
                s = s.withProvider(
                        provider, p -> p.withLatency(Latency.uniform(Duration.ofMillis(300), Duration.ofMillis(900)))
                                .withFaults(List.of(
                                        FaultRule.whenPromptContains(Fault.BAD_REQUEST, POISON),
                                        FaultRule.times(Fault.RATE_LIMITED, 2).withRetryAfterMs(1500))));
            }
            return s;
        });
        registry = Telemetry.registry("all");
        pipeline = LocalPipeline.builder(simulator.config(), new NightshiftHome(dir.resolve("home")))
                .keys(simulator.keys())
                .simulate(false)
                .bootstrap(KafkaTestBroker.bootstrapServers())
                .metrics(registry)
                .start();

        vertx = Vertx.vertx();
        metricsServer = new MetricsServer(vertx, registry, () -> Future.succeededFuture(true));
        int port = metricsServer.listen("127.0.0.1", 0).await(30, TimeUnit.SECONDS);
        Files.createDirectories(dir.resolve("prometheus"));
        prometheus = RealPrometheus.start(
                dir.resolve("prometheus"),
                MonitoringQueries.repositoryRoot().resolve(MonitoringQueries.RULES),
                "127.0.0.1:" + port);
        // Prometheus must see the counters before the run moves them, or rates over the run read 0.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        !prometheus.query("up == 1").path("data").path("result").isEmpty());

        plan = pipeline.ingest()
                .submit(new RunRequest(
                        "r-dashboard-1", "team-d", repo.toString(), null, TaskType.DOCS, true, Money.usd("5.00")));
        SinkDocuments sink = pipeline.sinkDocuments();
        JsonNode status = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> sink.run(plan.runId()).orElse(null),
                        s -> s != null && "completed".equals(s.path("state").asText()));
        finalStatus = status.toString() + "\nrun and dead-letter series in the registry:\n"
                + registry.scrape()
                        .lines()
                        .filter(l -> l.startsWith("nightshift_run_") || l.startsWith("nightshift_dead"))
                        .collect(Collectors.joining("\n"));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (metricsServer != null) {
            metricsServer.close().await();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void everyDashboardExpressionReturnsDataFromARealPrometheusScrapingARun() {
        assertThat(queries.dashboard()).as("dashboard expressions").hasSizeGreaterThan(30);

        // Rates need two scrapes after a change; Prometheus scrapes every second.
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<String> empty = new ArrayList<>();
                    for (MonitoringQueries.Query q : queries.dashboard()) {
                        JsonNode answer = prometheus.query(q.sent());
                        assertThat(answer.path("status").asText())
                                .as("%s: %s", q.source(), answer)
                                .isEqualTo("success");
                        if (answer.path("data").path("result").isEmpty()) {
                            empty.add(q.source() + ": " + q.sent() + "   [missing series: " + missingSeries(q.sent())
                                    + "]");
                        }
                    }
                    assertThat(empty)
                            .as("dashboard expressions returning no data (run: %s)", finalStatus)
                            .isEmpty();
                });
    }

    /**
     * What each alert must do after this run: fire (pending, since each has a {@code for}) where the run gave it
     * cause, stay inactive where it did not.
     */
    private static final Map<String, Boolean> SHOULD_FIRE = Map.of(
            "NightshiftRunBudgetAbove80Percent", false, // a fraction of a cent spent of $5
            "NightshiftDeadLettersGrowing", true, // the poison file was rejected into the lane's dead-letter topic
            "NightshiftRateLimitedOften", true, // two 429s in a run of about fifteen calls
            "NightshiftProviderOutOfCredit", false, // no provider answered 402
            "NightshiftCircuitOpen", false, // nothing failed five times in a row
            "NightshiftRunNoProgress", false); // the run is minutes old and finished

    @Test
    void everyAlertFiresWhereTheRunGaveItCauseAndIsShownSilentOnExistingSeriesElsewhere() {
        assertThat(queries.alerts())
                .extracting(MonitoringQueries.Alert::name)
                .as("every alert of rules.yml has an expectation here")
                .containsExactlyInAnyOrderElementsOf(SHOULD_FIRE.keySet());

        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Map<String, JsonNode> rules = loadedRules();
                    List<String> problems = new ArrayList<>();
                    for (MonitoringQueries.Alert alert : queries.alerts()) {
                        JsonNode rule = rules.get(alert.name());
                        if (rule == null) {
                            problems.add(alert.name() + ": not loaded by Prometheus");
                            continue;
                        }
                        if (!"ok".equals(rule.path("health").asText())) {
                            problems.add(alert.name() + ": evaluation failed: "
                                    + rule.path("lastError").asText());
                            continue;
                        }
                        JsonNode answer = prometheus.query(alert.expr());
                        String state = rule.path("state").asText();
                        boolean data = !answer.path("data").path("result").isEmpty();
                        if (!"success".equals(answer.path("status").asText())) {
                            problems.add(alert.name() + ": query failed: " + answer);
                        } else if (SHOULD_FIRE.get(alert.name())) {
                            if (!data || !List.of("pending", "firing").contains(state)) {
                                problems.add(alert.name() + ": should fire after this run but returns "
                                        + answer.path("data").path("result") + " and is " + state
                                        + "; missing series: " + missingSeries(alert.expr()));
                            }
                        } else {
                            if (data || !"inactive".equals(state)) {
                                problems.add(alert.name() + ": should stay silent but returns "
                                        + answer.path("data").path("result") + " and is " + state);
                            }
                            // Silent on real series, not because the series it watches do not exist.
                            List<String> missing = missingSeries(alert.expr());
                            if (!missing.isEmpty()) {
                                problems.add(
                                        alert.name() + ": silent only because these series do not exist: " + missing);
                            }
                        }
                    }
                    assertThat(problems)
                            .as("alert rules (run: %s)", finalStatus)
                            .isEmpty();
                });
    }

    /**
     * When a local run ends its {@code /metrics} goes with it and Prometheus marks every series stale; the run
     * panels that show a current figure (stats, gauges, bars, tables) must still show the run. Runs last: it stops
     * the exporter the other tests scrape.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void theRunPanelsKeepTheRunsFiguresAfterItsMetricsEndpointIsGone() {
        // Given Prometheus has the run's final figures
        List<MonitoringQueries.Query> runPanels = queries.dashboard().stream()
                .filter(q -> !"timeseries".equals(q.panelType()) && !"variable".equals(q.panelType()))
                .filter(q -> q.sent().contains("nightshift_run_"))
                .toList();
        assertThat(runPanels).as("run panels showing a current figure").hasSizeGreaterThanOrEqualTo(7);
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !prometheus
                        .query("nightshift_run_jobs_done{run=\"" + plan.runId() + "\", state=\"succeeded\"} > 0")
                        .path("data")
                        .path("result")
                        .isEmpty());

        // When the endpoint goes away, as a local run's does when it ends, and Prometheus has noticed
        metricsServer.close().await();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        !prometheus.query("up == 0").path("data").path("result").isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> prometheus
                        .query("nightshift_run_jobs_planned")
                        .path("data")
                        .path("result")
                        .isEmpty());

        // Then every such panel still answers with the run
        List<String> blank = new ArrayList<>();
        for (MonitoringQueries.Query q : runPanels) {
            JsonNode result = prometheus.query(q.sent()).path("data").path("result");
            if (result.isEmpty()) {
                blank.add(q.source() + ": " + q.sent());
            }
        }
        assertThat(blank).as("run panels blank once the run's metrics are gone").isEmpty();
    }

    @Test
    void theScrapeIsCataloguedAndCarriesNoJobIdPathOrKey() {
        String scrape = registry.scrape();

        assertThat(MetricNames.violations(scrape)).isEmpty();
        assertThat(plan.jobIds()).isNotEmpty().noneMatch(scrape::contains);
        assertThat(scrape)
                .doesNotContain(repo.toString())
                .doesNotContain("src/Module0.java")
                .doesNotContain(SimulatorFixture.FAKE_KEY);
    }

    /** The nightshift series an expression selects that Prometheus has no sample of. */
    private static List<String> missingSeries(String expr) {
        List<String> missing = new ArrayList<>();
        for (String name : MonitoringQueries.metricNames(expr)) {
            if (prometheus
                    .query("group(" + name + ")")
                    .path("data")
                    .path("result")
                    .isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static Map<String, JsonNode> loadedRules() {
        Map<String, JsonNode> rules = new HashMap<>();
        for (JsonNode group : prometheus.get("/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.put(rule.path("name").asText(), rule);
            }
        }
        return rules;
    }

    /** The bundled config with every provider limited to {@code concurrent} calls, so that calls wait for quota. */
    private static NightshiftConfig withConcurrency(NightshiftConfig config, int concurrent) {
        Map<String, ProviderConfig> providers = new HashMap<>();
        config.providers().forEach((id, p) -> {
            Limits l = p.limits();
            providers.put(
                    id,
                    new ProviderConfig(
                            p.protocol(),
                            p.baseUrl(),
                            p.apiKeyEnv(),
                            p.apiKeyFile(),
                            new Limits(
                                    l.requestsPerMinute(),
                                    l.inputTokensPerMinute(),
                                    l.outputTokensPerMinute(),
                                    concurrent,
                                    l.requestsPerDay(),
                                    l.tokensPerDay()),
                            p.models(),
                            p.batch()));
        });
        return new NightshiftConfig(
                providers, config.routing(), config.jobs(), config.baseline(), config.ingest(), config.sink());
    }

    private static Path sampleRepository(Path dir) {
        try (GitRepoBuilder git = GitRepoBuilder.init(dir)) {
            for (int i = 0; i < SOURCE_FILES; i++) {
                git.file("src/Module" + i + ".java", """
                        package demo;

                        /** Part %d of the demo. */
                        public final class Module%d {
                            public int times(int a) {
                                return a * %d;
                            }
                        }
                        """.formatted(i, i, i + 2));
            }
            git.file("src/Poison.java", """
                    package demo;

                    // %s: the simulator answers any prompt holding this with 400 invalid_request.
                    public final class Poison {
                    }
                    """.formatted(POISON));
            git.commit("demo sources and one poison file");
            return git.dir();
        }
    }
}
