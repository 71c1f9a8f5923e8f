package dev.nightshift.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.Limits;
import dev.nightshift.core.config.ModelConfig;
import dev.nightshift.core.config.ProviderConfig;
import dev.nightshift.core.event.FailureClass;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.usage.Usage;
import dev.nightshift.worker.prompt.Prompt;
import dev.nightshift.worker.support.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible client against a real local server that misbehaves the way DeepSeek and proxies do. */
class ProviderClientRobustnessIT {
    private static final String REPLY = """
            {"choices":[{"message":{"content":"done"},"finish_reason":"stop"}],"usage":{"prompt_tokens":7,"completion_tokens":3,
             "prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":7}}""";
    private final Vertx vertx = Vertx.vertx();
    private final WebClient web = WebClient.create(vertx);
    private HttpServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close().await();
        }
        web.close();
        vertx.close().await();
    }

    @Test
    void readsTheAnswerAfterSecondsOfKeepAliveBlankLines() {
        // Given a server that holds the connection with blank lines before answering
        start(req -> {
            req.response().setChunked(true).putHeader("content-type", "application/json");
            long timer = vertx.setPeriodic(100, t -> req.response().write("\n"));
            vertx.setTimer(1200, t -> {
                vertx.cancelTimer(timer);
                req.response().end(": keep-alive\n\n" + REPLY);
            });
        });
        // When / Then
        Completion c = call(Duration.ofSeconds(10)).await();
        assertThat(c.text()).isEqualTo("done");
        assertThat(c.usage()).isEqualTo(new Usage(7L, 0L, 0L, 3L));
    }

    @Test
    void givesUpAtTheOverallDeadlineWhenKeepAliveNeverEnds() {
        // Given a server that sends keep-alive lines forever, so no idle timeout can fire
        start(req -> {
            req.response().setChunked(true);
            long timer = vertx.setPeriodic(50, t -> req.response().write("\n"));
            req.connection().closeHandler(v -> vertx.cancelTimer(timer));
        });
        // When
        Throwable failure = failureOf(call(Duration.ofMillis(800)));
        // Then
        assertThat(failure).isInstanceOf(ProviderCallException.class);
        assertThat(((ProviderCallException) failure).failure().failureClass()).isEqualTo(FailureClass.OUTCOME_UNKNOWN);
        assertThat(failure.getMessage()).contains("deadline");
    }

    @Test
    void treatsAConnectionClosedAfterKeepAliveWithAnEmptyBodyAsTransient() {
        // Given a server that sends blank lines and then closes without JSON
        start(req -> {
            req.response()
                    .setChunked(true)
                    .putHeader("content-type", "application/json")
                    .write("\n\n\n");
            vertx.setTimer(200, t -> req.response().end());
        });
        // When
        Throwable failure = failureOf(call(Duration.ofSeconds(10)));
        // Then
        assertThat(((ProviderCallException) failure).failure()).isInstanceOf(ProviderFailure.Transient.class);
        assertThat(failure.getMessage()).contains("empty body");
    }

    @Test
    void readsAReplyLargerThanOneMegabyte() {
        // Given a reply whose text is 1.5 MB
        String big = "x".repeat(1_500_000);
        start(
                req -> req.response()
                        .putHeader("content-type", "application/json")
                        .end(
                                "{\"choices\":[{\"message\":{\"content\":\"" + big
                                        + "\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2}}"));
        // When
        Completion c = call(Duration.ofSeconds(10)).await();
        // Then
        assertThat(c.text()).hasSize(1_500_000);
        assertThat(c.finishReason()).isEqualTo("length");
    }

    @Test
    void treatsAResetConnectionAsTransient() {
        // Given a server that drops the connection mid-request
        start(req -> req.connection().close());
        // When
        Throwable failure = failureOf(call(Duration.ofSeconds(10)));
        // Then
        assertThat(((ProviderCallException) failure).failure().failureClass()).isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void sendsTheKeyOnlyInTheAuthorizationHeaderAndNeverInAFailure() {
        // Given a server that rejects the key
        start(
                req -> req.response()
                        .setStatusCode(401)
                        .end(
                                "{\"error\":{\"message\":\"Incorrect API key provided: sk-live-secret-123456\",\"code\":\"invalid_api_key\"}}"));
        // When
        Throwable failure = failureOf(call(Duration.ofSeconds(10)));
        // Then
        assertThat(((ProviderCallException) failure).failure().failureClass()).isEqualTo(FailureClass.UNAUTHORIZED);
        assertThat(failure.getMessage()).doesNotContain("sk-live-secret-123456");
    }

    private void start(Handler<HttpServerRequest> handler) {
        server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> handler.handle(req)));
        server.listen(0, "127.0.0.1").await();
    }

    private Future<Completion> call(Duration deadline) {
        ProviderConfig config = new ProviderConfig(
                Protocol.OPENAI,
                "http://127.0.0.1:" + server.actualPort(),
                "K",
                null,
                Limits.UNLIMITED,
                Map.of("m", new ModelConfig("m", 1000, TestConfigs.PRICE)));
        ProviderClient client = ProviderClients.forProvider(
                config, Optional.of(ApiKey.of("sk-live-secret-123456")), vertx, web, InstantSource.system(), deadline);
        return client.complete(new CallRequest("m", new Prompt("sys", "user"), 64));
    }

    private static Throwable failureOf(Future<?> future) {
        try {
            future.await();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("expected the call to fail");
    }
}
