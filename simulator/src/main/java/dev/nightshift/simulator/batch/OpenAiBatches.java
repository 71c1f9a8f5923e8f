package dev.nightshift.simulator.batch;

import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.wire.ChatRequest;
import dev.nightshift.simulator.wire.Dialect;
import dev.nightshift.simulator.wire.ErrorKind;
import dev.nightshift.simulator.wire.ErrorSpec;
import dev.nightshift.simulator.wire.OpenAiWire;
import dev.nightshift.simulator.wire.WireResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * OpenAI's Batch API: JSONL files uploaded ({@code POST /files}, multipart, {@code purpose=batch}), batches created on
 * them ({@code POST /batches}), polled, listed and cancelled, and their output and error files downloaded
 * ({@code GET /files/{id}/content}). Output and error lines come in a shuffled order; a request the model answered is
 * in the output file, one that failed, expired or was cancelled in the error file.
 */
public final class OpenAiBatches {
    static final String ENDPOINT = "/v1/chat/completions";
    private static final String OUTPUT = "file-out-";
    private static final String ERRORS = "file-err-";
    private static final String BATCH = "batch_";

    private final OpenAiWire wire = new OpenAiWire();
    private final Vertx vertx;
    private final BatchHttp http;
    private final BatchStore store;
    private final Function<String, ProviderSettings> providers;
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final AtomicLong fileIds = new AtomicLong();

    public OpenAiBatches(Vertx vertx, BatchStore store, Function<String, ProviderSettings> providers) {
        this.vertx = vertx;
        this.http = new BatchHttp(vertx, providers);
        this.store = store;
        this.providers = providers;
    }

    /** {@code POST /files}: keeps the uploaded file and answers its File object. */
    public void upload(RoutingContext ctx, String provider) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        String purpose = ctx.request().getFormAttribute("purpose");
        Optional<FileUpload> upload =
                ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst();
        http.respond(ctx, () -> {
            if (upload.isEmpty()) {
                return badRequest("Missing required parameter: 'file'. Send the JSONL as the multipart part 'file'.");
            }
            if (purpose == null || purpose.isBlank()) {
                return badRequest("Missing required parameter: 'purpose'. Use purpose=batch for batch input.");
            }
            String content = vertx.fileSystem()
                    .readFileBlocking(upload.get().uploadedFileName())
                    .toString(StandardCharsets.UTF_8);
            String id = "file-sim" + String.format("%012d", fileIds.incrementAndGet());
            StoredFile file = new StoredFile(
                    id,
                    provider,
                    upload.get().fileName(),
                    purpose,
                    store.clock().instant(),
                    content);
            files.put(id, file);
            return BatchHttp.json(
                    200, fileObject(file.id(), file.filename(), file.purpose(), file.created(), file.bytes()));
        });
    }

    /** {@code GET /files/{id}}: an uploaded file's, or a batch's output or error file's, File object. */
    public void file(RoutingContext ctx, String provider, String id) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        http.respond(ctx, () -> {
            StoredFile uploaded = files.get(id);
            if (uploaded != null && uploaded.provider().equals(provider)) {
                return BatchHttp.json(
                        200,
                        fileObject(id, uploaded.filename(), uploaded.purpose(), uploaded.created(), uploaded.bytes()));
            }
            Optional<String> content = resultFile(provider, id);
            if (content.isEmpty()) {
                return noSuchFile(id);
            }
            Batch batch = store.find(provider, batchOf(id)).orElseThrow();
            return BatchHttp.json(
                    200,
                    fileObject(
                            id,
                            "batch_" + batchOf(id) + (id.startsWith(OUTPUT) ? "_output.jsonl" : "_error.jsonl"),
                            "batch_output",
                            store.view(batch).endedAt(),
                            content.get().getBytes(StandardCharsets.UTF_8).length));
        });
    }

    /** {@code GET /files/{id}/content}: the bytes uploaded, or a batch's output or error lines. */
    public void content(RoutingContext ctx, String provider, String id) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        http.respond(ctx, () -> {
            StoredFile uploaded = files.get(id);
            if (uploaded != null && uploaded.provider().equals(provider)) {
                return BatchHttp.jsonl("application/octet-stream", uploaded.content());
            }
            return resultFile(provider, id)
                    .map(body -> BatchHttp.jsonl("application/octet-stream", body))
                    .orElseGet(() -> noSuchFile(id));
        });
    }

    /** {@code POST /batches}. */
    public void create(RoutingContext ctx, String provider) {
        ProviderSettings settings = http.admit(ctx, wire, provider);
        if (settings == null) {
            return;
        }
        http.respond(ctx, () -> {
            JsonObject body;
            try {
                body = ctx.body().asJsonObject();
            } catch (DecodeException e) {
                body = null;
            }
            if (body == null) {
                return badRequest("We could not parse the JSON body of your request.");
            }
            String endpoint = body.getValue("endpoint") instanceof String s ? s : null;
            if (!ENDPOINT.equals(endpoint)) {
                return badRequest(
                        "Invalid 'endpoint': the simulator's batches run " + ENDPOINT + ", got " + endpoint + ".");
            }
            if (!"24h".equals(body.getValue("completion_window"))) {
                return badRequest("Invalid 'completion_window': only '24h' is supported, got "
                        + body.getValue("completion_window") + ".");
            }
            String inputId = body.getValue("input_file_id") instanceof String s ? s : null;
            StoredFile input = inputId == null ? null : files.get(inputId);
            if (input == null || !input.provider().equals(provider)) {
                return badRequest("Invalid 'input_file_id': no file '" + inputId
                        + "' was uploaded to this provider; upload it with POST /files, purpose=batch.");
            }
            List<String> problems = new ArrayList<>();
            List<BatchItem> items = readInput(input, settings, problems);
            JsonObject attributes = new JsonObject()
                    .put("input_file_id", inputId)
                    .put("metadata", body.getValue("metadata") instanceof JsonObject m ? m : null)
                    .put("errors", new JsonArray(problems));
            Batch batch = store.create(
                    provider,
                    BATCH,
                    null,
                    items,
                    problems,
                    settings.batch(),
                    attributes,
                    settings.batch().turnaround().dividedBy(20));
            return BatchHttp.json(200, batchObject(store.view(batch)));
        });
    }

    /** {@code GET /batches/{id}}. */
    public void retrieve(RoutingContext ctx, String provider, String id) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        http.respond(ctx, () -> store.find(provider, id)
                .map(b -> BatchHttp.json(200, batchObject(store.view(b))))
                .orElseGet(() -> noSuchBatch(id)));
    }

    /** {@code POST /batches/{id}/cancel}: cancelling at once, cancelled after a short grace. */
    public void cancel(RoutingContext ctx, String provider, String id) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        http.respond(ctx, () -> {
            Optional<Batch> batch = store.find(provider, id);
            if (batch.isEmpty()) {
                return noSuchBatch(id);
            }
            return store.cancel(batch.get())
                    .map(v -> BatchHttp.json(200, batchObject(v)))
                    .orElseGet(() -> badRequest("Cannot cancel a batch with status '"
                            + status(store.view(batch.get()).phase()) + "'."));
        });
    }

    /** {@code GET /batches?limit&after}: newest first. */
    public void list(RoutingContext ctx, String provider) {
        if (http.admit(ctx, wire, provider) == null) {
            return;
        }
        String after = ctx.request().getParam("after");
        int limit = limit(ctx.request().getParam("limit"));
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
            page.forEach(b -> data.add(batchObject(store.view(b))));
            return BatchHttp.json(
                    200,
                    new JsonObject()
                            .put("object", "list")
                            .put("data", data)
                            .put("first_id", page.isEmpty() ? null : page.get(0).id())
                            .put(
                                    "last_id",
                                    page.isEmpty()
                                            ? null
                                            : page.get(page.size() - 1).id())
                            .put("has_more", from + limit < all.size()));
        });
    }

    private static int limit(String param) {
        try {
            return param == null ? 20 : Math.max(1, Math.min(100, Integer.parseInt(param)));
        } catch (NumberFormatException e) {
            return 20;
        }
    }

    /** The input file's lines as items; a malformed line makes the whole batch fail, as the real validation does. */
    private List<BatchItem> readInput(StoredFile input, ProviderSettings settings, List<String> problems) {
        List<BatchItem> items = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        String[] lines = input.content().split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            JsonObject request;
            try {
                request = new JsonObject(line);
            } catch (DecodeException | ClassCastException e) {
                problems.add(problem("invalid_json_line", "This line is not parseable as valid JSON.", number));
                continue;
            }
            if (!(request.getValue("custom_id") instanceof String key) || key.isBlank()) {
                problems.add(problem("missing_custom_id", "This line is missing a 'custom_id'.", number));
                continue;
            }
            if (!keys.add(key)) {
                problems.add(problem(
                        "duplicate_custom_id",
                        "The custom_id for this request is a duplicate of another request. The custom_id parameter "
                                + "must be unique for each request in a batch.",
                        number));
                continue;
            }
            if (!"POST".equals(request.getValue("method")) || !ENDPOINT.equals(request.getValue("url"))) {
                problems.add(problem(
                        "invalid_url",
                        "The URL provided for this request does not match the batch endpoint: use method POST and url "
                                + ENDPOINT + ".",
                        number));
                continue;
            }
            if (!(request.getValue("body") instanceof JsonObject body)) {
                problems.add(problem("invalid_request", "This line is missing a JSON object 'body'.", number));
                continue;
            }
            try {
                ChatRequest parsed = wire.parse(body, null);
                items.add(BatchItem.of(key, parsed, null));
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
        if (items.isEmpty() && problems.isEmpty()) {
            problems.add(problem("empty_file", "The input file has no requests.", 1));
        }
        return items;
    }

    private static String problem(String code, String message, int line) {
        return new JsonObject()
                .put("code", code)
                .put("message", message)
                .putNull("param")
                .put("line", line)
                .encode();
    }

    /** The output or error file of an ended batch, rendered from its results; empty if there is no such file. */
    private Optional<String> resultFile(String provider, String fileId) {
        if (!fileId.startsWith(OUTPUT) && !fileId.startsWith(ERRORS)) {
            return Optional.empty();
        }
        Optional<Batch> batch = store.find(provider, BATCH + batchOf(fileId));
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        Batch.View view = store.view(batch.get());
        boolean output = fileId.startsWith(OUTPUT);
        if (!view.phase().ended() || (output ? outputId(view) : errorId(view)) == null) {
            return Optional.empty();
        }
        ProviderSettings settings = providers.apply(provider);
        StringBuilder lines = new StringBuilder();
        for (Batch.Result r : view.results()) {
            boolean answered = r.outcome() instanceof ItemOutcome.Answered;
            if (answered == output) {
                lines.append(line(r, settings).encode()).append('\n');
            }
        }
        return Optional.of(lines.toString());
    }

    private JsonObject line(Batch.Result r, ProviderSettings settings) {
        JsonObject line = new JsonObject().put("custom_id", r.item().key());
        ItemOutcome o = r.outcome();
        if (o instanceof ItemOutcome.Answered a) {
            return line.put("id", "batch_req_" + a.reply().id())
                    .put(
                            "response",
                            new JsonObject()
                                    .put("status_code", 200)
                                    .put("request_id", a.requestId())
                                    .put("body", new JsonObject(wire.success(a.reply(), settings.dialect()))))
                    .putNull("error");
        }
        if (o instanceof ItemOutcome.Errored e) {
            return line.put(
                            "id",
                            "batch_req_"
                                    + (e.requestId() != null
                                            ? e.requestId()
                                            : hex(r.item().key())))
                    .put(
                            "response",
                            new JsonObject()
                                    .put("status_code", e.error().status())
                                    .put("request_id", e.requestId())
                                    .put("body", new JsonObject(e.error().body())))
                    .putNull("error");
        }
        boolean expired = o instanceof ItemOutcome.Expired;
        return line.put(
                        "id",
                        "batch_req_" + (expired ? "expired_" : "cancelled_")
                                + hex(r.item().key()))
                .putNull("response")
                .put(
                        "error",
                        new JsonObject()
                                .put("code", expired ? "batch_expired" : "batch_cancelled")
                                .put(
                                        "message",
                                        expired
                                                ? "This request could not be executed before the completion window expired."
                                                : "This request was not executed because the batch was cancelled."));
    }

    private static String hex(String key) {
        return Integer.toHexString(key.hashCode());
    }

    private JsonObject batchObject(Batch.View v) {
        Batch b = v.batch();
        JsonObject attributes = b.attributes();
        JsonArray problems = attributes.getJsonArray("errors");
        JsonObject errors = null;
        if (!problems.isEmpty()) {
            JsonArray data = new JsonArray();
            problems.forEach(p -> data.add(new JsonObject((String) p)));
            errors = new JsonObject().put("object", "list").put("data", data);
        }
        Batch.Phase phase = v.phase();
        return new JsonObject()
                .put("id", b.id())
                .put("object", "batch")
                .put("endpoint", ENDPOINT)
                .put("errors", errors)
                .put("input_file_id", attributes.getString("input_file_id"))
                .put("completion_window", "24h")
                .put("status", status(phase))
                .put("output_file_id", outputId(v))
                .put("error_file_id", errorId(v))
                .put("created_at", seconds(b.created()))
                .put("in_progress_at", seconds(v.runningAt()))
                .put("expires_at", seconds(b.expiresAt()))
                .put("finalizing_at", seconds(v.finishingAt()))
                .put("completed_at", phase == Batch.Phase.COMPLETED ? seconds(v.endedAt()) : null)
                .put("failed_at", phase == Batch.Phase.FAILED ? seconds(v.endedAt()) : null)
                .put("expired_at", phase == Batch.Phase.EXPIRED ? seconds(v.endedAt()) : null)
                .put("cancelling_at", seconds(b.cancelledAt()))
                .put("cancelled_at", phase == Batch.Phase.CANCELLED ? seconds(v.endedAt()) : null)
                .put(
                        "request_counts",
                        new JsonObject()
                                .put("total", v.total())
                                .put("completed", v.answered())
                                .put("failed", v.errored()))
                .put("metadata", attributes.getValue("metadata"));
    }

    private static String outputId(Batch.View v) {
        return v.phase().ended() && v.answered() > 0 ? OUTPUT + suffix(v.batch().id()) : null;
    }

    private static String errorId(Batch.View v) {
        return v.phase().ended() && v.errored() + v.expired() + v.cancelled() > 0
                ? ERRORS + suffix(v.batch().id())
                : null;
    }

    private static String suffix(String batchId) {
        return batchId.substring(BATCH.length());
    }

    private static String batchOf(String fileId) {
        return fileId.substring(OUTPUT.length());
    }

    static String status(Batch.Phase phase) {
        return switch (phase) {
            case QUEUED -> "validating";
            case RUNNING -> "in_progress";
            case FINISHING -> "finalizing";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
            case EXPIRED -> "expired";
            case CANCELLING -> "cancelling";
            case CANCELLED -> "cancelled";
        };
    }

    private static Long seconds(Instant at) {
        return at == null ? null : at.getEpochSecond();
    }

    private static JsonObject fileObject(String id, String filename, String purpose, Instant created, long bytes) {
        return new JsonObject()
                .put("id", id)
                .put("object", "file")
                .put("bytes", bytes)
                .put("created_at", seconds(created))
                .put("filename", filename)
                .put("purpose", purpose)
                .put("status", "processed")
                .putNull("expires_at")
                .putNull("status_details");
    }

    private WireResponse badRequest(String message) {
        return wire.error(ErrorSpec.of(ErrorKind.BAD_REQUEST, null, message), Dialect.STANDARD, "req_simbatch");
    }

    private WireResponse noSuchBatch(String id) {
        return notFound("No batch found with id '" + id + "'.");
    }

    private WireResponse noSuchFile(String id) {
        return notFound("No such File object: " + id);
    }

    /** OpenAI's 404 for a missing object: the model 404's shape without its model code. */
    private WireResponse notFound(String message) {
        WireResponse model =
                wire.error(ErrorSpec.of(ErrorKind.NOT_FOUND, null, message), Dialect.STANDARD, "req_simbatch");
        JsonObject body = new JsonObject(model.body());
        body.getJsonObject("error").putNull("code");
        return new WireResponse(404, model.headers(), body.encode());
    }
}
