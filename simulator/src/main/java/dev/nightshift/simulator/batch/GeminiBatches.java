package dev.nightshift.simulator.batch;

import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.wire.ErrorKind;
import dev.nightshift.simulator.wire.ErrorSpec;
import dev.nightshift.simulator.wire.GeminiWire;
import dev.nightshift.simulator.wire.WireResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gemini's Batch Mode with inline requests: {@code POST models/{model}:batchGenerateContent} answers a long-running
 * Operation; {@code GET batches/{id}} polls it, listing and {@code :cancel} as the real API. Once the batch has ended
 * the Operation is {@code done} and carries the inlined responses — in a shuffled order, each with its request's
 * metadata — both as its {@code response} and as its metadata's {@code output} (where the official SDKs read them).
 * Requests the provider did not run (window passed, batch cancelled) get an error entry, so every key comes back.
 */
public final class GeminiBatches {
    private static final String PREFIX = "batches/";
    private static final String BATCH_TYPE =
            "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch";
    private static final String OUTPUT_TYPE =
            "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput";

    private final GeminiWire wire = new GeminiWire();
    private final BatchHttp http;
    private final BatchStore store;
    private final Function<String, ProviderSettings> providers;

    public GeminiBatches(Vertx vertx, BatchStore store, Function<String, ProviderSettings> providers) {
        this.http = new BatchHttp(vertx, providers);
        this.store = store;
        this.providers = providers;
    }

    /** {@code POST /v1beta/models/{model}:batchGenerateContent}. */
    public void create(RoutingContext ctx, String provider, String model) {
        ProviderSettings settings = http.admit(ctx, wire, provider);
        if (settings == null) {
            return;
        }
        http.respond(ctx, () -> {
            if (!settings.models().containsKey(model)) {
                return wire.error(ErrorSpec.of(ErrorKind.NOT_FOUND, model, null), settings.dialect(), "");
            }
            JsonObject body;
            try {
                body = ctx.body().asJsonObject();
            } catch (DecodeException e) {
                body = null;
            }
            JsonObject batch = body == null ? null : body.getJsonObject("batch");
            JsonObject input = batch == null ? null : batch.getJsonObject("inputConfig");
            if (input != null && input.getValue("fileName") != null) {
                return badRequest("* BatchGenerateContentRequest.batch.input_config: the simulator takes inline "
                        + "requests only (inputConfig.requests.requests), not fileName");
            }
            JsonObject wrapper = input == null ? null : input.getJsonObject("requests");
            JsonArray requests = wrapper == null ? null : wrapper.getJsonArray("requests");
            if (requests == null || requests.isEmpty()) {
                return badRequest(
                        "* BatchGenerateContentRequest.batch.input_config.requests: requests is not specified");
            }
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                JsonObject inlined = requests.getValue(i) instanceof JsonObject o ? o : new JsonObject();
                JsonObject metadata = inlined.getValue("metadata") instanceof JsonObject m ? m : null;
                String key = metadata != null && metadata.getValue("key") instanceof String k ? k : String.valueOf(i);
                try {
                    if (!(inlined.getValue("request") instanceof JsonObject request)) {
                        throw new IllegalArgumentException(
                                "* GenerateContentRequest: request " + i + " has no 'request' object");
                    }
                    items.add(BatchItem.of(key, wire.parse(request, model), metadata));
                } catch (IllegalArgumentException | ClassCastException e) {
                    items.add(BatchItem.invalid(
                            key,
                            wire.error(
                                    ErrorSpec.of(ErrorKind.BAD_REQUEST, model, e.getMessage()), settings.dialect(), ""),
                            metadata));
                }
            }
            String displayName = batch.getValue("displayName") instanceof String d ? d : "";
            Batch created = store.create(
                    provider,
                    PREFIX,
                    model,
                    items,
                    List.of(),
                    settings.batch(),
                    new JsonObject().put("displayName", displayName),
                    Duration.ZERO);
            return BatchHttp.json(200, operation(store.view(created)));
        });
    }

    /** {@code GET /v1beta/batches/{id}}. */
    public void get(RoutingContext ctx, String provider, String id) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        http.respond(ctx, () -> store.find(provider, PREFIX + id)
                .map(b -> BatchHttp.json(200, operation(store.view(b))))
                .orElseGet(() -> notFound(id)));
    }

    /** {@code POST /v1beta/batches/{id}:cancel}: cancelled at once; what has run stays in the results. */
    public void cancel(RoutingContext ctx, String provider, String id) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        http.respond(ctx, () -> {
            Optional<Batch> batch = store.find(provider, PREFIX + id);
            if (batch.isEmpty()) {
                return notFound(id);
            }
            store.cancel(batch.get());
            return BatchHttp.json(200, new JsonObject());
        });
    }

    /** {@code GET /v1beta/batches?pageSize&pageToken}: newest first. */
    public void list(RoutingContext ctx, String provider) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        int size = pageSize(ctx.request().getParam("pageSize"));
        int from = pageSize(ctx.request().getParam("pageToken"), 0);
        http.respond(ctx, () -> {
            List<Batch> all = store.list(provider);
            JsonArray operations = new JsonArray();
            all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()))
                    .forEach(b -> operations.add(operation(store.view(b))));
            JsonObject body = new JsonObject().put("operations", operations);
            if (from + size < all.size()) {
                body.put("nextPageToken", String.valueOf(from + size));
            }
            return BatchHttp.json(200, body);
        });
    }

    private JsonObject operation(Batch.View v) {
        Batch b = v.batch();
        Instant updated = v.endedAt() != null ? v.endedAt() : v.runningAt() != null ? v.runningAt() : b.created();
        // int64 fields are strings in proto3 JSON.
        JsonObject stats = new JsonObject()
                .put("requestCount", String.valueOf(v.total()))
                .put("pendingRequestCount", String.valueOf(v.pending()))
                .put("successfulRequestCount", String.valueOf(v.answered()))
                .put("failedRequestCount", String.valueOf(v.errored()));
        JsonObject metadata = new JsonObject()
                .put("@type", BATCH_TYPE)
                .put("name", b.id())
                .put("model", "models/" + b.model())
                .put("displayName", b.attributes().getString("displayName"))
                .put("createTime", b.created().toString())
                .put("updateTime", updated.toString())
                .put("state", state(v.phase()))
                .put("batchStats", stats);
        JsonObject operation = new JsonObject().put("name", b.id()).put("metadata", metadata);
        if (v.phase().ended()) {
            metadata.put("endTime", v.endedAt().toString());
            JsonObject output =
                    new JsonObject().put("inlinedResponses", new JsonObject().put("inlinedResponses", responses(v)));
            metadata.put("output", output);
            operation.put("done", true).put("response", output.copy().put("@type", OUTPUT_TYPE));
        }
        return operation;
    }

    private JsonArray responses(Batch.View v) {
        ProviderSettings settings = providers.apply(v.batch().provider());
        JsonArray out = new JsonArray();
        for (Batch.Result r : v.results()) {
            JsonObject entry = new JsonObject();
            ItemOutcome o = r.outcome();
            if (o instanceof ItemOutcome.Answered a) {
                entry.put("response", new JsonObject(wire.success(a.reply(), settings.dialect())));
            } else if (o instanceof ItemOutcome.Errored e) {
                entry.put("error", new JsonObject(e.error().body()).getJsonObject("error"));
            } else if (o instanceof ItemOutcome.Expired) {
                entry.put(
                        "error",
                        status(504, "DEADLINE_EXCEEDED", "The batch expired before this request was processed."));
            } else {
                entry.put(
                        "error",
                        status(499, "CANCELLED", "The batch was cancelled before this request was processed."));
            }
            if (r.item().metadata() != null) {
                entry.put("metadata", r.item().metadata());
            }
            out.add(entry);
        }
        return out;
    }

    private static JsonObject status(int code, String status, String message) {
        return new JsonObject().put("code", code).put("message", message).put("status", status);
    }

    static String state(Batch.Phase phase) {
        return switch (phase) {
            case QUEUED -> "BATCH_STATE_PENDING";
            case RUNNING, FINISHING -> "BATCH_STATE_RUNNING";
            case COMPLETED -> "BATCH_STATE_SUCCEEDED";
            case FAILED -> "BATCH_STATE_FAILED";
            case EXPIRED -> "BATCH_STATE_EXPIRED";
            case CANCELLING, CANCELLED -> "BATCH_STATE_CANCELLED";
        };
    }

    private static int pageSize(String param) {
        return Math.max(1, Math.min(1000, pageSize(param, 50)));
    }

    private static int pageSize(String param, int otherwise) {
        try {
            return param == null ? otherwise : Math.max(0, Integer.parseInt(param));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private WireResponse badRequest(String message) {
        return wire.error(ErrorSpec.of(ErrorKind.BAD_REQUEST, null, message), null, "");
    }

    private WireResponse notFound(String id) {
        return wire.error(
                ErrorSpec.of(ErrorKind.NOT_FOUND, null, "Requested entity was not found: batches/" + id), null, "");
    }
}
