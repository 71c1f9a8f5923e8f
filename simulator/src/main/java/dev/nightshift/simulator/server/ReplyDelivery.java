package dev.nightshift.simulator.server;

import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.billing.BillingLog;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.limit.Admission;
import dev.nightshift.simulator.wire.ChatReply;
import dev.nightshift.simulator.wire.ChatRequest;
import dev.nightshift.simulator.wire.WireProtocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a composed reply the way the scripted fault says: whole, after keep-alive lines, malformed,
 * truncated, or as a stream of server-sent events; and records the bill for every reply sent whole.
 * Runs on the event loop.
 */
final class ReplyDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyDelivery.class);
    private static final long KEEPALIVE_INTERVAL_MS = 200;

    private final Vertx vertx;
    private final BillingLog bill;
    private final InstantSource clock;

    ReplyDelivery(Vertx vertx, BillingLog bill, InstantSource clock) {
        this.vertx = vertx;
        this.bill = bill;
        this.clock = clock;
    }

    /** DeepSeek under load: status and headers at once, then a blank line every 200 ms until the body. */
    void keepAlive(
            RoutingContext ctx,
            WireProtocol wire,
            ProviderState state,
            ChatRequest request,
            FaultRule fault,
            String requestId,
            long latency,
            Runnable deliver) {
        HttpServerResponse response = ctx.response().setStatusCode(200).setChunked(true);
        wire.commonHeaders(requestId, state.settings().dialect()).forEach(response::putHeader);
        response.putHeader("content-type", contentType(ctx, request));
        // Streams get SSE comment lines, plain calls blank lines — what DeepSeek sends in each case.
        String line = request.stream() ? ": keep-alive\n\n" : "\n";
        response.write(line);
        long periodic = vertx.setPeriodic(KEEPALIVE_INTERVAL_MS, t -> {
            if (!response.closed() && !response.ended()) {
                response.write(line);
            }
        });
        vertx.setTimer(Math.max(1, fault.delayOrDefault() + latency), t -> {
            vertx.cancelTimer(periodic);
            deliver.run();
        });
    }

    void deliver(
            RoutingContext ctx,
            WireProtocol wire,
            ProviderState state,
            ChatRequest request,
            ChatReply reply,
            Price price,
            FaultRule fault,
            Admission.Admitted ticket,
            String requestId) {
        ProviderSettings settings = state.settings();
        Fault kind = fault == null ? null : fault.fault();
        HttpServerResponse response = ctx.response();
        if (kind == Fault.KEEPALIVE_THEN_CLOSE) {
            state.settle(ticket, 0);
            log(settings.id(), reply.model(), "keep-alive then close");
            if (!response.closed()) {
                response.end().onComplete(done -> ctx.request().connection().close());
            }
            return;
        }
        state.settle(ticket, reply.usage().output());
        if (request.stream()) {
            deliverStream(ctx, wire, state, request, reply, price, kind, requestId);
            return;
        }
        String body = wire.success(reply, settings.dialect());
        if (kind == Fault.TRUNCATED_JSON) {
            body = body.substring(0, body.length() / 2);
        } else if (kind == Fault.MALFORMED_JSON) {
            body = body.substring(0, body.length() - 1) + ",,}";
        } else {
            // Billed when the provider has done the work, whether or not the client is still there to read it.
            bill.record(
                    clock.instant(),
                    settings.id(),
                    reply.model(),
                    reply.id(),
                    reply.usage().normalised(),
                    price);
        }
        if (response.closed()) {
            return;
        }
        if (!response.headWritten()) {
            response.setStatusCode(200).putHeader("content-type", "application/json");
            wire.commonHeaders(requestId, settings.dialect()).forEach(response::putHeader);
            wire.rateLimitHeaders(state.snapshot(), settings.dialect()).forEach(response::putHeader);
        }
        log(settings.id(), reply.model(), kind == null ? "200" : "200 " + kind.id());
        response.end(body);
    }

    private void deliverStream(
            RoutingContext ctx,
            WireProtocol wire,
            ProviderState state,
            ChatRequest request,
            ChatReply reply,
            Price price,
            Fault kind,
            String requestId) {
        ProviderSettings settings = state.settings();
        List<String> frames = wire.streamFrames(reply, settings.dialect(), request.includeUsage());
        StringBuilder body = new StringBuilder();
        if (kind == Fault.MID_STREAM_ERROR || kind == Fault.TRUNCATED_JSON) {
            frames.subList(0, Math.max(1, frames.size() / 2)).forEach(body::append);
            if (kind == Fault.MID_STREAM_ERROR) {
                body.append(wire.streamError(settings.dialect()));
            }
        } else if (kind == Fault.MALFORMED_JSON) {
            frames.subList(0, frames.size() / 2).forEach(body::append);
            body.append("data: {\"choices\": [{\"delta\": {\"content\": \"broken\n\n");
        } else {
            frames.forEach(body::append);
            bill.record(
                    clock.instant(),
                    settings.id(),
                    reply.model(),
                    reply.id(),
                    reply.usage().normalised(),
                    price);
        }
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            return;
        }
        if (!response.headWritten()) {
            response.setStatusCode(200)
                    .putHeader("content-type", contentType(ctx, request))
                    .putHeader("cache-control", "no-cache");
            wire.commonHeaders(requestId, settings.dialect()).forEach(response::putHeader);
            wire.rateLimitHeaders(state.snapshot(), settings.dialect()).forEach(response::putHeader);
        }
        log(settings.id(), reply.model(), kind == null ? "200 stream" : "200 stream " + kind.id());
        if (geminiJsonArray(ctx, wire)) {
            String array = asJsonArray(frames);
            response.end(kind == null ? array : array.substring(0, array.length() / 2));
        } else {
            response.end(body.toString());
        }
    }

    /** Gemini streams without {@code alt=sse} come as one JSON array of responses. */
    private static boolean geminiJsonArray(RoutingContext ctx, WireProtocol wire) {
        return wire.protocol() == Protocol.GEMINI && !"sse".equals(ctx.request().getParam("alt"));
    }

    private static String asJsonArray(List<String> frames) {
        return "["
                + frames.stream()
                        .map(f -> f.substring("data: ".length()).strip())
                        .collect(Collectors.joining(",\r\n")) + "]";
    }

    private static String contentType(RoutingContext ctx, ChatRequest request) {
        if (!request.stream()) {
            return "application/json";
        }
        return ctx.request().path().endsWith(":streamGenerateContent")
                        && !"sse".equals(ctx.request().getParam("alt"))
                ? "application/json"
                : "text/event-stream";
    }

    private static void log(String provider, String model, String outcome) {
        LOG.atDebug()
                .addKeyValue("provider", provider)
                .addKeyValue("model", model)
                .log("simulated call: {}", outcome);
    }
}
