package dev.nightshift.simulator.batch;

import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.wire.AnthropicWire;
import dev.nightshift.simulator.wire.ErrorKind;
import dev.nightshift.simulator.wire.ErrorSpec;
import dev.nightshift.simulator.wire.WireResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Anthropic's Message Batches API: {@code POST /v1/messages/batches}, retrieve, list, cancel, and the results as JSON
 * lines once the batch has ended. Each request's params are read as {@code /v1/messages} reads them; one that does not
 * parse is an {@code errored} result, not a refused batch, as the real API validates params while processing. Until the
 * batch ends every request counts as processing.
 */
public final class AnthropicBatches {
    private static final Pattern CUSTOM_ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final String PREFIX = "msgbatch_";

    private final AnthropicWire wire = new AnthropicWire();
    private final BatchHttp http;
    private final BatchStore store;
    private final Function<String, ProviderSettings> providers;

    public AnthropicBatches(Vertx vertx, BatchStore store, Function<String, ProviderSettings> providers) {
        this.http = new BatchHttp(vertx, providers);
        this.store = store;
        this.providers = providers;
    }

    /** {@code POST /v1/messages/batches}. */
    public void create(RoutingContext ctx, String provider) {
        ProviderSettings settings = http.admit(ctx, wire, provider);
        if (settings == null) {
            return;
        }
        String origin = origin(ctx);
        http.respond(ctx, () -> {
            JsonObject body;
            try {
                body = ctx.body().asJsonObject();
            } catch (DecodeException e) {
                body = null;
            }
            if (body == null || !(body.getValue("requests") instanceof JsonArray requests) || requests.isEmpty()) {
                return badRequest("requests: Field required (a non-empty list of {custom_id, params})");
            }
            List<BatchItem> items = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < requests.size(); i++) {
                if (!(requests.getValue(i) instanceof JsonObject request)
                        || !(request.getValue("custom_id") instanceof String key)
                        || !CUSTOM_ID.matcher(key).matches()) {
                    return badRequest(
                            "requests." + i + ".custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'");
                }
                if (!keys.add(key)) {
                    return badRequest("requests." + i + ".custom_id: duplicate custom_id '" + key
                            + "'; each request in a batch needs its own");
                }
                if (!(request.getValue("params") instanceof JsonObject params)) {
                    return badRequest("requests." + i + ".params: Field required");
                }
                try {
                    items.add(BatchItem.of(key, wire.parse(params, null), null));
                } catch (IllegalArgumentException | ClassCastException e) {
                    items.add(BatchItem.invalid(
                            key,
                            wire.error(
                                    ErrorSpec.of(ErrorKind.BAD_REQUEST, null, e.getMessage()),
                                    settings.dialect(),
                                    "req_simbatch"),
                            null));
                }
            }
            Batch batch = store.create(
                    provider,
                    PREFIX,
                    null,
                    items,
                    List.of(),
                    settings.batch(),
                    new JsonObject(),
                    settings.batch().turnaround().dividedBy(20));
            return BatchHttp.json(200, batchObject(store.view(batch), origin));
        });
    }

    /** {@code GET /v1/messages/batches/{id}}. */
    public void retrieve(RoutingContext ctx, String provider, String id) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        String origin = origin(ctx);
        http.respond(ctx, () -> store.find(provider, id)
                .map(b -> BatchHttp.json(200, batchObject(store.view(b), origin)))
                .orElseGet(() -> notFound(id)));
    }

    /** {@code POST /v1/messages/batches/{id}/cancel}: canceling, then ended with the unrun requests canceled. */
    public void cancel(RoutingContext ctx, String provider, String id) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        String origin = origin(ctx);
        http.respond(ctx, () -> {
            Optional<Batch> batch = store.find(provider, id);
            if (batch.isEmpty()) {
                return notFound(id);
            }
            // Cancelling a batch that has ended (or is canceling) changes nothing; the batch is answered as it is.
            Batch.View view = store.cancel(batch.get()).orElseGet(() -> store.view(batch.get()));
            return BatchHttp.json(200, batchObject(view, origin));
        });
    }

    /** {@code GET /v1/messages/batches?limit}: newest first. */
    public void list(RoutingContext ctx, String provider) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        String origin = origin(ctx);
        int limit = limit(ctx.request().getParam("limit"));
        String after = ctx.request().getParam("after_id");
        http.respond(ctx, () -> {
            List<Batch> all = store.list(provider);
            int from = 0;
            if (after != null) {
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).id().equals(after)) {
                        from = i + 1;
                    }
                }
            }
            List<Batch> page = all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size()));
            JsonArray data = new JsonArray();
            page.forEach(b -> data.add(batchObject(store.view(b), origin)));
            return BatchHttp.json(
                    200,
                    new JsonObject()
                            .put("data", data)
                            .put("has_more", from + limit < all.size())
                            .put("first_id", page.isEmpty() ? null : page.get(0).id())
                            .put(
                                    "last_id",
                                    page.isEmpty()
                                            ? null
                                            : page.get(page.size() - 1).id()));
        });
    }

    /** {@code GET /v1/messages/batches/{id}/results}: one JSON line per request, shuffled; only once ended. */
    public void results(RoutingContext ctx, String provider, String id) {
        ProviderSettings settings = http.admit(ctx, wire, provider);
        if (settings == null) {
            return;
        }
        http.respond(ctx, () -> {
            Optional<Batch> batch = store.find(provider, id);
            if (batch.isEmpty()) {
                return notFound(id);
            }
            Batch.View view = store.view(batch.get());
            if (!view.phase().ended()) {
                return badRequest("Message batch " + id + " has not ended (processing_status "
                        + processingStatus(view.phase()) + "); its results are available once it has ended.");
            }
            StringBuilder lines = new StringBuilder();
            for (Batch.Result r : view.results()) {
                lines.append(new JsonObject()
                                .put("custom_id", r.item().key())
                                .put("result", result(r.outcome(), providers.apply(provider)))
                                .encode())
                        .append('\n');
            }
            return BatchHttp.jsonl("application/binary", lines.toString());
        });
    }

    private JsonObject result(ItemOutcome outcome, ProviderSettings settings) {
        if (outcome instanceof ItemOutcome.Answered a) {
            JsonObject message = new JsonObject(wire.success(a.reply(), settings.dialect()));
            // Batch usage is marked with its tier, as the real API marks it.
            message.getJsonObject("usage").put("service_tier", "batch");
            return new JsonObject().put("type", "succeeded").put("message", message);
        }
        if (outcome instanceof ItemOutcome.Errored e) {
            return new JsonObject()
                    .put("type", "errored")
                    .put("error", new JsonObject(e.error().body()));
        }
        return new JsonObject().put("type", outcome instanceof ItemOutcome.Expired ? "expired" : "canceled");
    }

    private static JsonObject batchObject(Batch.View v, String origin) {
        Batch b = v.batch();
        boolean ended = v.phase().ended();
        // The real API reports every request as processing until the whole batch has ended.
        JsonObject counts = new JsonObject()
                .put("processing", ended ? 0 : v.total())
                .put("succeeded", ended ? v.answered() : 0)
                .put("errored", ended ? v.errored() : 0)
                .put("canceled", ended ? v.cancelled() : 0)
                .put("expired", ended ? v.expired() : 0);
        return new JsonObject()
                .put("id", b.id())
                .put("type", "message_batch")
                .put("processing_status", processingStatus(v.phase()))
                .put("request_counts", counts)
                .put("ended_at", time(v.endedAt()))
                .put("created_at", time(b.created()))
                .put("expires_at", time(b.expiresAt()))
                .putNull("archived_at")
                .put("cancel_initiated_at", time(b.cancelledAt()))
                .put(
                        "results_url",
                        ended ? origin + "/" + b.provider() + "/v1/messages/batches/" + b.id() + "/results" : null);
    }

    static String processingStatus(Batch.Phase phase) {
        if (phase.ended()) {
            return "ended";
        }
        return phase == Batch.Phase.CANCELLING ? "canceling" : "in_progress";
    }

    private static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    /** Where the client reached the simulator, so {@code results_url} points back at it. */
    private static String origin(RoutingContext ctx) {
        String host = ctx.request().getHeader("host");
        return ctx.request().scheme() + "://" + (host != null ? host : "127.0.0.1");
    }

    private static int limit(String param) {
        try {
            return param == null ? 20 : Math.max(1, Math.min(1000, Integer.parseInt(param)));
        } catch (NumberFormatException e) {
            return 20;
        }
    }

    private WireResponse badRequest(String message) {
        return wire.error(ErrorSpec.of(ErrorKind.BAD_REQUEST, null, message), null, "req_simbatch");
    }

    private WireResponse notFound(String id) {
        return wire.error(
                ErrorSpec.of(ErrorKind.NOT_FOUND, null, "message_batch " + id + " not found"), null, "req_simbatch");
    }
}
