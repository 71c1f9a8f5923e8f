package dev.nightshift.sink.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.sink.cache.ArtifactCache;
import dev.nightshift.sink.cache.CachedArtifact;
import dev.nightshift.sink.cost.CostQueries;
import dev.nightshift.sink.eval.EvaluationQueries;
import dev.nightshift.sink.query.NotFoundException;
import dev.nightshift.sink.query.SinkQueries;
import dev.nightshift.sink.report.Reports;
import dev.nightshift.sinkapi.cost.CostQuery;
import dev.nightshift.sinkapi.ledger.LedgerFormat;
import dev.nightshift.sinkapi.run.RunState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's HTTP API (JSON unless stated; the report pages under {@code /report} are HTML). Every store read runs
 * on a worker thread, never on the event loop. Routes under {@code /runs}, {@code /cost} and {@code /report} pass
 * {@link BearerAuth} first when a token is configured; {@code /health/*} is always open.
 */
public final class QueryApi {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    private static final int LEDGER_PAGE = 2_000;
    private static final int DEFAULT_RUN_LIMIT = 200;
    private final Vertx vertx;
    private final SinkQueries queries;
    private final ArtifactCache cache;
    private final BearerAuth auth;
    private final BooleanSupplier ready;
    private final CostQueries cost;
    private final EvaluationQueries evaluations;
    private final Reports reports;

    public QueryApi(
            Vertx vertx,
            SinkQueries queries,
            EvaluationQueries evaluations,
            ArtifactCache cache,
            BearerAuth auth,
            BooleanSupplier ready) {
        this.vertx = vertx;
        this.evaluations = evaluations;
        this.reports = new Reports(queries, evaluations);
        this.cache = cache;
        this.queries = queries;
        this.auth = auth;
        this.ready = ready;
        this.cost = new CostQueries(queries);
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> json(ctx, 200, Map.of("status", "UP")));
        router.get("/health/ready").handler(ctx -> {
            if (ready.getAsBoolean()) {
                json(ctx, 200, Map.of("status", "UP"));
            } else {
                json(ctx, 503, Map.of("status", "DOWN", "reason", "the sink is not consuming yet"));
            }
        });
        router.route("/runs*").handler(auth);
        router.route("/cost*").handler(auth);
        router.route("/cache*").handler(auth);
        router.get("/cache").handler(ctx -> blocking(ctx, () -> cacheLookup(ctx)));
        router.get("/cache/:contentKey/text").handler(this::cacheText);
        router.get("/runs")
                .handler(ctx -> blocking(ctx, () -> queries.runs(BearerAuth.tenantOf(ctx), limit(ctx), states(ctx))));
        router.get("/runs/:runId")
                .handler(ctx -> blocking(ctx, () -> queries.status(ctx.pathParam("runId"), BearerAuth.tenantOf(ctx))));
        router.get("/runs/:runId/jobs")
                .handler(ctx -> blocking(ctx, () -> {
                    queries.visibleRun(ctx.pathParam("runId"), BearerAuth.tenantOf(ctx));
                    return queries.jobs(ctx.pathParam("runId"));
                }));
        router.get("/runs/:runId/artifacts")
                .handler(ctx ->
                        blocking(ctx, () -> queries.artifacts(ctx.pathParam("runId"), BearerAuth.tenantOf(ctx))));
        router.get("/runs/:runId/artifacts/:jobId").handler(this::artifactText);
        router.get("/runs/:runId/rejected")
                .handler(
                        ctx -> blocking(ctx, () -> queries.rejected(ctx.pathParam("runId"), BearerAuth.tenantOf(ctx))));
        router.get("/runs/:runId/rejected/:jobId/:attempt").handler(this::rejectedText);
        router.get("/runs/:runId/ledger").handler(this::ledger);
        router.get("/cost")
                .handler(ctx -> blocking(
                        ctx, () -> cost.answer(CostQuery.parse(ctx.queryParams()::get), BearerAuth.tenantOf(ctx))));
        router.route("/evaluations*").handler(auth);
        router.get("/evaluations").handler(ctx -> blocking(ctx, () -> evaluations.list(BearerAuth.tenantOf(ctx))));
        router.get("/evaluations/:evaluationId")
                .handler(ctx -> blocking(
                        ctx, () -> evaluations.visibleReport(ctx.pathParam("evaluationId"), BearerAuth.tenantOf(ctx))));
        router.route("/report*").handler(auth);
        router.get("/report").handler(ctx -> page(ctx, () -> reports.index(BearerAuth.tenantOf(ctx))));
        router.get("/report/runs/:runId")
                .handler(ctx -> page(ctx, () -> reports.run(ctx.pathParam("runId"), BearerAuth.tenantOf(ctx))));
        router.get("/report/evaluations/:evaluationId")
                .handler(ctx ->
                        page(ctx, () -> reports.evaluation(ctx.pathParam("evaluationId"), BearerAuth.tenantOf(ctx))));
        return router;
    }

    /** A report page: HTML that may request nothing (its policy also travels in the page, for saved copies). */
    private void page(RoutingContext ctx, Callable<String> render) {
        respond(ctx, render, html -> ctx.response()
                .putHeader("content-type", Reports.CONTENT_TYPE)
                .putHeader("content-security-policy", Reports.CONTENT_SECURITY_POLICY)
                .putHeader("x-content-type-options", "nosniff")
                .end(html));
    }

    /** {@code ?state=interrupted,running}: only runs in these states; none given, every state. */
    private static java.util.Set<RunState> states(RoutingContext ctx) {
        String text = ctx.queryParams().get("state");
        if (text == null || text.isBlank()) {
            return java.util.Set.of();
        }
        java.util.Set<RunState> states = java.util.EnumSet.noneOf(RunState.class);
        for (String id : text.split(",")) {
            states.add(java.util.Arrays.stream(RunState.values())
                    .filter(s -> s.id().equals(id.trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("state='" + id.trim() + "' is not a run state; use "
                            + java.util.Arrays.stream(RunState.values())
                                    .map(RunState::id)
                                    .toList())));
        }
        return states;
    }

    private static int limit(RoutingContext ctx) {
        String text = ctx.queryParams().get("limit");
        if (text == null || text.isBlank()) {
            return DEFAULT_RUN_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit > 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("limit='" + text + "' must be a positive whole number");
    }

    /**
     * {@code GET /cache?task=&unitPath=&contentHash=&promptVersion=&simulated=}; the caller's tenant is part of the key,
     * the repository is not (the same content is the same work wherever it was cloned from).
     */
    private CachedArtifact cacheLookup(RoutingContext ctx) {
        var p = ctx.queryParams();
        for (String required : new String[] {"task", "unitPath", "contentHash", "promptVersion"}) {
            if (p.get(required) == null || p.get(required).isBlank()) {
                throw new IllegalArgumentException("query parameter '" + required + "' is required: GET /cache?"
                        + "task=docs|tests&unitPath=…&contentHash=…&promptVersion=…[&simulated=true][&tenant=…]");
            }
        }
        String principal = BearerAuth.tenantOf(ctx);
        String tenant = principal != null ? principal : p.get("tenant");
        return cache.lookup(
                        tenant,
                        TaskType.parse(p.get("task")),
                        p.get("unitPath"),
                        p.get("contentHash"),
                        p.get("promptVersion"),
                        Boolean.parseBoolean(p.get("simulated")))
                .filter(hit -> visible(hit, principal))
                .orElseThrow(() -> new NotFoundException("no cached artifact for that work; run the job"));
    }

    private void cacheText(RoutingContext ctx) {
        String principal = BearerAuth.tenantOf(ctx);
        boolean simulated = Boolean.parseBoolean(ctx.queryParams().get("simulated"));
        String key = ctx.pathParam("contentKey");
        respond(
                ctx,
                () -> cache.lookup(key, simulated)
                        .filter(hit -> visible(hit, principal))
                        .flatMap(hit -> cache.text(key, simulated))
                        .orElseThrow(() -> new NotFoundException("no cached artifact '" + key + "'")),
                text -> ctx.response()
                        .putHeader("content-type", "text/plain; charset=utf-8")
                        .end(text));
    }

    private boolean visible(CachedArtifact hit, String principal) {
        return principal == null
                || queries.run(hit.runId())
                        .map(r -> principal.equals(r.tenant()))
                        .orElse(false);
    }

    private void artifactText(RoutingContext ctx) {
        String tenant = BearerAuth.tenantOf(ctx);
        respond(
                ctx,
                () -> queries.artifactText(ctx.pathParam("runId"), ctx.pathParam("jobId"), tenant),
                text -> ctx.response()
                        .putHeader("content-type", "text/plain; charset=utf-8")
                        .end(text));
    }

    private void rejectedText(RoutingContext ctx) {
        String tenant = BearerAuth.tenantOf(ctx);
        respond(
                ctx,
                () -> queries.rejectedText(
                        ctx.pathParam("runId"), ctx.pathParam("jobId"), attempt(ctx.pathParam("attempt")), tenant),
                text -> ctx.response()
                        .putHeader("content-type", "text/plain; charset=utf-8")
                        .end(text));
    }

    private static int attempt(String text) {
        try {
            int attempt = Integer.parseInt(text);
            if (attempt >= 1) {
                return attempt;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("attempt '" + text + "' must be a whole number from 1");
    }

    /** Streams the ledger page by page (chunked), so a run of millions of attempts never sits in memory. */
    private void ledger(RoutingContext ctx) {
        String tenant = BearerAuth.tenantOf(ctx);
        String runId = ctx.pathParam("runId");
        respond(
                ctx,
                () -> {
                    LedgerFormat format = LedgerFormat.parse(ctx.queryParams().get("format"));
                    queries.visibleRun(runId, tenant);
                    return format;
                },
                format -> {
                    HttpServerResponse response = ctx.response()
                            .setChunked(true)
                            .putHeader("content-type", format.contentType() + "; charset=utf-8")
                            .putHeader(
                                    "content-disposition",
                                    "inline; filename=\"" + runId + "-ledger."
                                            + format.name().toLowerCase(java.util.Locale.ROOT) + "\"");
                    if (!format.header().isEmpty()) {
                        response.write(format.header());
                    }
                    ledgerPage(response, format, runId, null);
                });
    }

    private void ledgerPage(HttpServerResponse response, LedgerFormat format, String runId, byte[] from) {
        vertx.executeBlocking(
                        () -> {
                            SinkQueries.LedgerPage page = queries.ledgerPage(runId, from, LEDGER_PAGE);
                            StringBuilder text = new StringBuilder();
                            page.entries().forEach(e -> text.append(format.line(e)));
                            return Map.entry(text.toString(), java.util.Optional.ofNullable(page.next()));
                        },
                        false)
                .onSuccess(chunk -> {
                    if (response.closed()) {
                        return;
                    }
                    if (!chunk.getKey().isEmpty()) {
                        response.write(chunk.getKey());
                    }
                    if (chunk.getValue().isEmpty()) {
                        response.end();
                    } else if (response.writeQueueFull()) {
                        response.drainHandler(v -> ledgerPage(
                                response, format, runId, chunk.getValue().get()));
                    } else {
                        ledgerPage(response, format, runId, chunk.getValue().get());
                    }
                })
                .onFailure(e -> {
                    LOG.atError().setCause(e).addKeyValue("runId", runId).log("ledger export failed midway");
                    response.reset();
                });
    }

    private <T> void blocking(RoutingContext ctx, Callable<T> query) {
        respond(ctx, query, value -> json(ctx, 200, value));
    }

    private <T> void respond(RoutingContext ctx, Callable<T> query, java.util.function.Consumer<T> onValue) {
        Future<T> f = vertx.executeBlocking(query, false);
        f.onSuccess(onValue::accept).onFailure(e -> {
            if (e instanceof NotFoundException) {
                json(ctx, 404, Map.of("error", e.getMessage()));
            } else if (e instanceof IllegalArgumentException) {
                json(ctx, 400, Map.of("error", e.getMessage()));
            } else {
                LOG.atError()
                        .setCause(e)
                        .addKeyValue("path", ctx.normalizedPath())
                        .log("query failed");
                json(ctx, 500, Map.of("error", "the sink could not answer; see its log"));
            }
        });
    }

    static Future<Void> json(RoutingContext ctx, int status, Object value) {
        HttpServerResponse response =
                ctx.response().setStatusCode(status).putHeader("content-type", "application/json");
        try {
            return response.end(Buffer.buffer(Json.mapper().writeValueAsBytes(value)));
        } catch (JsonProcessingException e) {
            return response.setStatusCode(500).end("{\"error\":\"cannot encode the answer\"}");
        }
    }
}
