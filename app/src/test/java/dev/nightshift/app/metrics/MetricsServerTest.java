package dev.nightshift.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aClientAskingForCleartextHttp2IsAnsweredInHttp11() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("nightshift.probe").increment();
        MetricsServer server = new MetricsServer(vertx, registry, () -> Future.succeededFuture(true));
        int port = server.listen("127.0.0.1", 0).await(10, TimeUnit.SECONDS);

        // Java's client prefers HTTP/2 and so sends "Upgrade: h2c" on a cleartext request
        HttpResponse<String> scrape = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("nightshift_probe_total");
        server.close().await(10, TimeUnit.SECONDS);
    }
}
