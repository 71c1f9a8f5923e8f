package dev.nightshift.simulator.batch;

import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.wire.Dialect;
import dev.nightshift.simulator.wire.ErrorKind;
import dev.nightshift.simulator.wire.ErrorSpec;
import dev.nightshift.simulator.wire.WireProtocol;
import dev.nightshift.simulator.wire.WireResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every batch endpoint does around its own work: find the provider, check the key, answer off the event loop. */
final class BatchHttp {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHttp.class);

    private final Vertx vertx;
    private final Function<String, ProviderSettings> providers;

    /** @param providers a provider's current settings by id, {@code null} for one the simulator does not serve */
    BatchHttp(Vertx vertx, Function<String, ProviderSettings> providers) {
        this.vertx = vertx;
        this.providers = providers;
    }

    /**
     * The provider's settings when it speaks {@code wire}'s protocol and the request carries a key (and, for Anthropic,
     * its version header); otherwise answers the 404, 401 or 400 in the protocol's shape and returns {@code null}.
     */
    ProviderSettings admit(RoutingContext ctx, WireProtocol wire, String providerId) {
        ProviderSettings settings = providers.apply(providerId);
        if (settings == null || settings.protocol() != wire.protocol()) {
            send(
                    ctx,
                    wire.error(
                            ErrorSpec.of(
                                    ErrorKind.NOT_FOUND,
                                    null,
                                    "unknown provider '" + providerId + "' for the "
                                            + wire.protocol().id() + " protocol"),
                            Dialect.STANDARD,
                            "req_simbatch"));
            return null;
        }
        if (!wire.hasCredential(ctx.request()::getHeader, ctx.request()::getParam)) {
            send(ctx, wire.error(ErrorSpec.of(ErrorKind.UNAUTHORIZED, null, null), settings.dialect(), "req_simbatch"));
            return null;
        }
        String problem = wire.headerProblem(ctx.request()::getHeader);
        if (problem != null) {
            send(
                    ctx,
                    wire.error(ErrorSpec.of(ErrorKind.BAD_REQUEST, null, problem), settings.dialect(), "req_simbatch"));
            return null;
        }
        return settings;
    }

    /** Runs {@code work} on a worker thread (it may run due items, which composes replies) and sends its answer. */
    void respond(RoutingContext ctx, Callable<WireResponse> work) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                send(ctx, ar.result());
                return;
            }
            LOG.atWarn()
                    .addKeyValue("path", ctx.request().path())
                    .setCause(ar.cause())
                    .log("simulator failed to answer a batch call");
            send(
                    ctx,
                    new WireResponse(
                            500,
                            Map.of("content-type", "application/json"),
                            new JsonObject()
                                    .put(
                                            "error",
                                            new JsonObject()
                                                    .put("message", "the simulator failed: " + ar.cause())
                                                    .put("type", "server_error"))
                                    .encode()));
        });
    }

    static WireResponse json(int status, JsonObject body) {
        return new WireResponse(status, Map.of("content-type", "application/json"), body.encode());
    }

    /** A JSON-lines download. */
    static WireResponse jsonl(String contentType, String body) {
        return new WireResponse(200, Map.of("content-type", contentType), body);
    }

    static void send(RoutingContext ctx, WireResponse response) {
        if (ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(response.status());
        response.headers().forEach(ctx.response()::putHeader);
        ctx.response().end(response.body());
    }
}
