package dev.nightshift.app.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * One service's operations port: {@code /metrics} (Prometheus text), {@code /health/live} (the process
 * answers) and {@code /health/ready} (the service is deployed and its dependencies answer). Kept apart from
 * the sink's query API so that scraping and probes never need its bearer token.
 */
public final class MetricsServer {
    private final Vertx vertx;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Future<Boolean>> readiness;
    private HttpServer server;

    /** @param readiness answers whether the service is ready; evaluated per probe */
    public MetricsServer(Vertx vertx, PrometheusMeterRegistry registry, Supplier<Future<Boolean>> readiness) {
        this.vertx = vertx;
        this.registry = registry;
        this.readiness = readiness;
    }

    public Future<Integer> listen(String host, int port) {
        // HTTP/1.1 only: a scraper asking to upgrade to cleartext HTTP/2 (Java's HttpClient does by default) is
        // answered
        // in HTTP/1.1; the upgrade path left such requests without an answer now and then.
        return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(this::handle)
                .listen(port, host)
                .map(s -> {
                    server = s;
                    return s.actualPort();
                });
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/metrics" ->
                request.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(registry.scrape());
            case "/health/live" ->
                request.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
            case "/health/ready" ->
                readiness.get().otherwise(false).onComplete(ready -> request.response()
                        .setStatusCode(Boolean.TRUE.equals(ready.result()) ? 200 : 503)
                        .putHeader("content-type", "application/json")
                        .end(Boolean.TRUE.equals(ready.result()) ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}"));
            default ->
                request.response().setStatusCode(404).end("not found: try /metrics, /health/live or /health/ready");
        }
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
