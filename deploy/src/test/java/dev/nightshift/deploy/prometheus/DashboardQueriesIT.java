package dev.nightshift.deploy.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.nightshift.deploy.RepoFiles;
import dev.nightshift.deploy.metrics.CatalogueRegistry;
import dev.nightshift.deploy.prometheus.MonitoringQueries.Query;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's package) scrapes a real Micrometer registry holding every catalogue meter in
 * the shape a running pipeline gives it, and every PromQL expression of the dashboard and the alert rules is
 * executed against it: each must be valid PromQL that Prometheus evaluates to data over series shaped like the
 * catalogue's. The alerts are set up to fire here (a run at 90% of its budget, stuck for an hour; a circuit open;
 * 429s on every other call; dead letters growing; a provider paused for credit); rules.test.yml shows them silent
 * where they should be.
 *
 * <p>What this cannot show: that the services really export those series. The registry here holds every
 * catalogued meter by construction. {@code CatalogueEmittersTest} holds each meter to the module that must
 * register it, and the app's {@code PipelineDashboardIT} runs a real pipeline under a real Prometheus and fails
 * on any panel without data, during the run and after it ended.
 */
class DashboardQueriesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;

    private static HttpServer exporter;
    private static ScheduledExecutorService work;
    private static Process prometheus;
    private static String prometheusUrl;

    // The registry ticks until stop() shuts its executor down: the periodic task's Future has nothing to wait for.
    @SuppressWarnings("FutureReturnValueIgnored")
    @BeforeAll
    static void startExporterAndPrometheus() throws Exception {
        CatalogueRegistry registry = new CatalogueRegistry();
        // 127.0.0.1, where Prometheus is told to scrape: getLoopbackAddress() is ::1 on a JVM that prefers IPv6
        exporter = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        exporter.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        exporter.start();
        work = Executors.newSingleThreadScheduledExecutor();
        work.scheduleAtFixedRate(registry::tick, 100, 100, TimeUnit.MILLISECONDS);

        Files.copy(RepoFiles.resolve("monitoring/prometheus/rules.yml"), dir.resolve("rules.yml"));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [rules.yml]
                scrape_configs:
                  - job_name: nightshift-worker
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                """.formatted(
                        exporter.getAddress().getPort()));
        int port = freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(
                        prometheusBinary(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status(prometheusUrl + "/-/ready") == 200);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (work != null) {
            work.shutdownNow();
        }
        if (exporter != null) {
            exporter.stop(0);
        }
    }

    @Test
    void everyDashboardAndAlertExpressionReturnsDataFromARealPrometheus() {
        List<Query> queries = MonitoringQueries.load().all();

        // Rates need two scrapes; give Prometheus a few seconds of data, then every query must answer.
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<String> empty = new ArrayList<>();
                    for (Query q : queries) {
                        JsonNode answer = query(q.asSent());
                        assertThat(answer.path("status").asText())
                                .as("%s: %s", q.source(), answer)
                                .isEqualTo("success");
                        if (answer.path("data").path("result").isEmpty()) {
                            empty.add(q.source() + ": " + q.asSent());
                        }
                    }
                    assertThat(empty).as("expressions returning no data").isEmpty();
                });
    }

    @Test
    void prometheusLoadsTheRulesAndTheirAlertsFireOnTheseSeries() {
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode rules = get(prometheusUrl + "/api/v1/rules");
                    List<String> states = new ArrayList<>();
                    for (JsonNode group : rules.path("data").path("groups")) {
                        for (JsonNode rule : group.path("rules")) {
                            assertThat(rule.path("health").asText())
                                    .as(rule.toString())
                                    .isEqualTo("ok");
                            states.add(rule.path("name").asText() + "="
                                    + rule.path("state").asText());
                        }
                    }
                    // "pending" means the condition holds and only the rule's `for` is left to wait.
                    assertThat(states)
                            .hasSize(6)
                            .allMatch(s -> s.endsWith("=pending") || s.endsWith("=firing"), "pending or firing");
                });
    }

    private static JsonNode query(String promql) throws IOException, InterruptedException {
        return get(prometheusUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static int status(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static String prometheusBinary() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(d, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("prometheus not found on PATH: install Debian's prometheus package "
                + "(apt-get install -y prometheus), as .ci/run does");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
