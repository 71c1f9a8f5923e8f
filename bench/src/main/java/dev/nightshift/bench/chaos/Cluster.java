package dev.nightshift.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.bench.harness.ScratchDir;
import dev.nightshift.core.codec.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services of a cluster on one machine — broker, ingest, sink, router and two workers, each {@code nightshift
 * serve} in its own JVM — and the sink's view of a run.
 */
final class Cluster implements AutoCloseable {
    private final ServiceProcess broker;
    private final ServiceProcess ingest;
    private final ServiceProcess sink;
    private final ServiceProcess router;
    private final ServiceProcess workerA;
    private final ServiceProcess workerB;
    private final String bootstrap;
    private final int sinkPort;
    private final Path sinkData;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Cluster(ScratchDir dir, int brokerPort, int sinkPort, Map<String, String> env) {
        this.bootstrap = "127.0.0.1:" + brokerPort;
        this.sinkPort = sinkPort;
        this.sinkData = dir.resolve("sink");
        this.env = Map.copyOf(env);
        Path logs = dir.path();
        List<String> kafka = List.of("--bootstrap", bootstrap, "--metrics-port", "0");
        broker = new ServiceProcess(
                "broker",
                List.of(
                        "broker",
                        "--port",
                        Integer.toString(brokerPort),
                        "--data",
                        dir.resolve("kafka").toString()),
                env,
                logs);
        ingest = new ServiceProcess(
                "ingest",
                concat(List.of("ingest", "--data", dir.resolve("clones").toString()), kafka),
                env,
                logs);
        sink = new ServiceProcess(
                "sink", concat(List.of("sink", "--no-auth", "--data", sinkData.toString()), kafka), env, logs);
        router = new ServiceProcess("router", concat(List.of("router"), kafka), env, logs);
        workerA = new ServiceProcess("worker-a", concat(List.of("worker"), kafka), env, logs);
        workerB = new ServiceProcess("worker-b", concat(List.of("worker"), kafka), env, logs);
    }

    static Cluster start(ScratchDir dir, int brokerPort, int sinkPort, Map<String, String> env)
            throws IOException, InterruptedException {
        Cluster cluster = new Cluster(dir, brokerPort, sinkPort, env);
        for (ServiceProcess service : cluster.all()) {
            service.start();
        }
        return cluster;
    }

    private List<ServiceProcess> all() {
        return List.of(broker, ingest, sink, router, workerA, workerB);
    }

    String bootstrap() {
        return bootstrap;
    }

    /** The environment every service runs with (providers, limits, home). */
    Map<String, String> env() {
        return env;
    }

    Path sinkData() {
        return sinkData;
    }

    ServiceProcess broker() {
        return broker;
    }

    ServiceProcess sink() {
        return sink;
    }

    ServiceProcess router() {
        return router;
    }

    ServiceProcess workerA() {
        return workerA;
    }

    List<ServiceProcess> workers() {
        return List.of(workerA, workerB);
    }

    /** The run's status as the sink's API shows it; empty while the sink is down or does not know the run yet. */
    Optional<JsonNode> status(String runId) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sinkPort + "/runs/" + runId))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(Json.mapper().readTree(response.body()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the sink is down (killed, or starting again)
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess service : List.of(workerA, workerB, router, sink, ingest, broker)) {
            service.close();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
