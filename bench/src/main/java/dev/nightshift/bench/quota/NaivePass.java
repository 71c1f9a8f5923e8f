package dev.nightshift.bench.quota;

import dev.nightshift.core.job.LaneRequest;
import dev.nightshift.worker.prompt.PromptBuilder;
import dev.nightshift.worker.provider.CallRequest;
import dev.nightshift.worker.provider.openai.OpenAiClient;
import dev.nightshift.worker.time.TimeScale;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: a plain client as many batch scripts are written — a fixed {@value #IN_FLIGHT} calls in
 * flight (the account's concurrency), each job's identical request body posted straight to the provider,
 * a 429 retried after the wait its {@code retry-after-ms} (else {@code retry-after}) names, any other
 * failure after one second. No quota of its own, no Kafka.
 */
final class NaivePass {
    static final int IN_FLIGHT = 32;
    private static final Duration OTHER_FAILURE_WAIT = Duration.ofSeconds(1);

    record Outcome(double seconds, long rateLimited) {}

    private NaivePass() {}

    static Outcome run(String baseUrl, List<LaneRequest> jobs, TimeScale time, Duration timeout) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            WebClient web = WebClient.create(
                    vertx, new WebClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(IN_FLIGHT * 2));
            PromptBuilder prompts = new PromptBuilder();
            ArrayDeque<Buffer> bodies = new ArrayDeque<>(jobs.size());
            for (LaneRequest r : jobs) {
                bodies.add(Buffer.buffer(OpenAiClient.body(new CallRequest(
                        r.model().model(), prompts.build(r.job()), r.job().maxOutputTokens()))));
            }
            Runner runner = new Runner(vertx, web, baseUrl + "/chat/completions", bodies, time);
            long start = System.nanoTime();
            vertx.runOnContext(v -> runner.start());
            runner.done.get(timeout.toSeconds(), TimeUnit.SECONDS);
            return new Outcome((System.nanoTime() - start) / 1e9, runner.rateLimited.get());
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    /** Runs on one Vert.x context: {@value #IN_FLIGHT} loops, each taking the next job when its call succeeded. */
    private static final class Runner {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicLong rateLimited = new AtomicLong();
        private final Vertx vertx;
        private final WebClient web;
        private final String url;
        private final ArrayDeque<Buffer> pending;
        private final TimeScale time;
        private final int total;
        private int succeeded;

        Runner(Vertx vertx, WebClient web, String url, ArrayDeque<Buffer> pending, TimeScale time) {
            this.vertx = vertx;
            this.web = web;
            this.url = url;
            this.pending = pending;
            this.time = time;
            this.total = pending.size();
        }

        void start() {
            for (int i = 0; i < IN_FLIGHT; i++) {
                next();
            }
        }

        private void next() {
            Buffer body = pending.poll();
            if (body != null) {
                send(body);
            }
        }

        private void send(Buffer body) {
            web.postAbs(url)
                    .putHeader("content-type", "application/json")
                    .putHeader("authorization", "Bearer simulated-naive")
                    .sendBuffer(body)
                    .onComplete(ar -> {
                        if (ar.succeeded() && ar.result().statusCode() == 200) {
                            if (++succeeded == total) {
                                done.complete(null);
                            }
                            next();
                        } else if (ar.succeeded() && ar.result().statusCode() == 429) {
                            rateLimited.incrementAndGet();
                            vertx.setTimer(time.timerMillis(retryAfter(ar.result())), t -> send(body));
                        } else {
                            vertx.setTimer(time.timerMillis(OTHER_FAILURE_WAIT), t -> send(body));
                        }
                    });
        }

        private static Duration retryAfter(HttpResponse<Buffer> response) {
            String ms = response.getHeader("retry-after-ms");
            String s = response.getHeader("retry-after");
            try {
                if (ms != null) {
                    return Duration.ofMillis(Long.parseLong(ms.trim()));
                }
                if (s != null) {
                    return Duration.ofSeconds(Long.parseLong(s.trim()));
                }
            } catch (NumberFormatException ignored) {
                // a malformed hint is treated as none
            }
            return OTHER_FAILURE_WAIT;
        }
    }
}
