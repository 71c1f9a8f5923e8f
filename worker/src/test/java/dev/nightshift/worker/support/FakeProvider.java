package dev.nightshift.worker.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for a provider: answers each request with what the test's
 * script returns (a documented real response shape), and records every request it got.
 */
public final class FakeProvider implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public record Received(String method, String path, MultiMap headers, String body) {}

    public record Answer(int status, Map<String, String> headers, String body, long delayMs) {
        public static Answer json(int status, String body) {
            return new Answer(status, Map.of("content-type", "application/json"), body, 0);
        }

        public Answer after(long millis) {
            return new Answer(status, headers, body, millis);
        }
    }

    public FakeProvider(Vertx vertx, Function<Received, Answer> script) {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(req -> handle(req, script));
        server.listen(0, "127.0.0.1").await();
    }

    private void handle(HttpServerRequest req, Function<Received, Answer> script) {
        req.body().onSuccess(body -> {
            Received r = new Received(
                    req.method().name(),
                    req.path(),
                    MultiMap.caseInsensitiveMultiMap().addAll(req.headers()),
                    body.toString());
            received.add(r);
            Answer a = script.apply(r);
            Runnable reply = () -> {
                a.headers().forEach(req.response()::putHeader);
                req.response().setStatusCode(a.status()).end(Buffer.buffer(a.body()));
            };
            if (a.delayMs() > 0) {
                vertx.setTimer(a.delayMs(), t -> reply.run());
            } else {
                reply.run();
            }
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.close().await();
    }
}
