package dev.nightshift.worker.provider.http;

import dev.nightshift.worker.provider.ProviderCallException;
import dev.nightshift.worker.provider.ProviderFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * One request (a POST, or a GET) on the Vert.x WebClient under an overall deadline. Idle timeouts alone never fire when a
 * provider holds the connection open with keep-alive blank lines (DeepSeek does while a request waits), so a timer
 * fails the call when the whole answer has not arrived in time ({@link ProviderFailure.Abandoned}: its outcome is
 * unknown, the provider may still bill it). Transport errors become
 * {@link ProviderFailure.Transient}; every HTTP status is returned for the protocol to classify.
 */
public final class HttpExchange {
    private final Vertx vertx;
    private final WebClient client;
    private final InstantSource clock;
    private final Duration deadline;

    public HttpExchange(Vertx vertx, WebClient client, InstantSource clock, Duration deadline) {
        this.vertx = vertx;
        this.client = client;
        this.clock = clock;
        this.deadline = deadline;
    }

    public Future<HttpReply> post(String url, Map<String, String> headers, Buffer body) {
        return post(url, headers, body, null);
    }

    /** @param callDeadline this call's own deadline, at most the exchange's; {@code null}: the exchange's */
    public Future<HttpReply> post(String url, Map<String, String> headers, Buffer body, Duration callDeadline) {
        return send(HttpMethod.POST, url, headers, body, callDeadline);
    }

    /** A GET under the exchange's deadline (a batch's status, its results). */
    public Future<HttpReply> get(String url, Map<String, String> headers) {
        return send(HttpMethod.GET, url, headers, null, null);
    }

    private Future<HttpReply> send(
            HttpMethod method, String url, Map<String, String> headers, Buffer body, Duration callDeadline) {
        Duration deadline =
                callDeadline == null || callDeadline.compareTo(this.deadline) > 0 ? this.deadline : callDeadline;
        Promise<HttpReply> promise = Promise.promise();
        long deadlineMs = Math.max(1, deadline.toMillis());
        long timer = vertx.setTimer(
                deadlineMs,
                t -> promise.tryFail(new ProviderCallException(new ProviderFailure.Abandoned(
                        deadline,
                        "no complete answer within " + deadline.toMillis() / 1000.0
                                + " s (this call's deadline); the provider may still bill it"))));
        HttpRequest<Buffer> request =
                client.requestAbs(method, url).idleTimeout(deadlineMs).connectTimeout(Math.min(deadlineMs, 10_000));
        headers.forEach(request::putHeader);
        (body == null ? request.send() : request.sendBuffer(body)).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                Buffer b = ar.result().body();
                promise.tryComplete(new HttpReply(
                        ar.result().statusCode(),
                        ar.result().headers(),
                        b == null ? new byte[0] : b.getBytes(),
                        clock.instant()));
            } else {
                promise.tryFail(new ProviderCallException(new ProviderFailure.Transient(
                        null,
                        "connection failed: " + ar.cause().getClass().getSimpleName() + " "
                                + ErrorText.sanitize(ar.cause().getMessage()))));
            }
        });
        return promise.future();
    }

    public InstantSource clock() {
        return clock;
    }
}
