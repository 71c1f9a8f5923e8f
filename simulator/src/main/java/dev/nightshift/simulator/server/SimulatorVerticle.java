package dev.nightshift.simulator.server;

import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.SimulatorConfig;
import dev.nightshift.simulator.batch.AnthropicBatches;
import dev.nightshift.simulator.batch.BatchStore;
import dev.nightshift.simulator.batch.GeminiBatches;
import dev.nightshift.simulator.batch.OpenAiBatches;
import dev.nightshift.simulator.billing.BillingLog;
import dev.nightshift.simulator.billing.ReceivedPrompts;
import dev.nightshift.simulator.limit.LimitLog;
import dev.nightshift.simulator.reply.SeededTests;
import dev.nightshift.simulator.wire.AnthropicWire;
import dev.nightshift.simulator.wire.GeminiWire;
import dev.nightshift.simulator.wire.OpenAiWire;
import dev.nightshift.simulator.wire.WireProtocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The simulator's HTTP server (127.0.0.1 unless configured otherwise): every provider under its own path prefix, each protocol at
 * its real path below it, and the admin endpoints under {@code /admin}.
 */
public final class SimulatorVerticle extends VerticleBase {
    /** Bodies up to 64 MB: a million-token prompt fits; anything bigger is a client bug. */
    private static final long BODY_LIMIT = 64L * 1024 * 1024;

    private static final String ID = "([a-z0-9][a-z0-9-]{0,62})";

    /** How often open batches run their due items (wall time; the items' times are on the simulator's clock). */
    private static final long TICK_MS = 20;

    private final SimulatorConfig config;
    private final InstantSource clock;
    private final BillingLog bill;
    private final ReceivedPrompts prompts;
    private final SeededTests seeded;
    private final Map<String, ProviderState> providers = new ConcurrentHashMap<>();
    private final BatchStore batches;
    private HttpServer server;
    private long ticker = -1;

    public SimulatorVerticle(SimulatorConfig config, InstantSource clock, BillingLog bill) {
        this(config, clock, bill, new ReceivedPrompts(), new SeededTests());
    }

    /**
     * @param prompts where each request's prompt is kept for tests
     * @param seeded  where each test written is kept with the defect worked into it
     */
    public SimulatorVerticle(
            SimulatorConfig config, InstantSource clock, BillingLog bill, ReceivedPrompts prompts, SeededTests seeded) {
        this.prompts = prompts;
        this.seeded = seeded;
        this.config = config;
        this.clock = clock;
        this.bill = bill;
        config.providers().forEach((id, p) -> providers.put(id, new ProviderState(p, config.seed(), clock)));
        Map<Protocol, WireProtocol> wires = Map.of(
                Protocol.OPENAI,
                new OpenAiWire(),
                Protocol.ANTHROPIC,
                new AnthropicWire(),
                Protocol.GEMINI,
                new GeminiWire());
        this.batches =
                new BatchStore(clock, new BatchItems(providers, wires, bill, clock, prompts, seeded), config.seed());
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        // Multipart uploads (OpenAI batch input files) go to a temporary directory and are deleted once answered.
        router.route()
                .handler(BodyHandler.create()
                        .setBodyLimit(BODY_LIMIT)
                        .setUploadsDirectory(
                                Path.of(System.getProperty("java.io.tmpdir"), "nightshift-simulator-uploads")
                                        .toString())
                        .setDeleteUploadedFilesOnEnd(true));
        ChatHandler chat = new ChatHandler(vertx, providers, bill, clock, prompts, seeded);
        OpenAiWire openai = new OpenAiWire();
        AnthropicWire anthropic = new AnthropicWire();
        GeminiWire gemini = new GeminiWire();
        router.postWithRegex("/" + ID + "(?:/v1)?/chat/completions")
                .handler(ctx -> chat.handle(ctx, openai, ctx.pathParam("param0"), null));
        router.postWithRegex("/" + ID + "/v1/messages")
                .handler(ctx -> chat.handle(ctx, anthropic, ctx.pathParam("param0"), null));
        router.postWithRegex("/" + ID + "/v1/messages/count_tokens")
                .handler(ctx -> chat.count(ctx, anthropic, ctx.pathParam("param0"), null));
        router.postWithRegex("/" + ID + "/v1beta/models/([^/:]+):streamGenerateContent")
                .handler(ctx -> chat.handle(ctx, gemini, ctx.pathParam("param0"), ctx.pathParam("param1"), true));
        router.postWithRegex("/" + ID + "/v1beta/models/([^/:]+):countTokens")
                .handler(ctx -> chat.count(ctx, gemini, ctx.pathParam("param0"), ctx.pathParam("param1")));
        router.postWithRegex("/" + ID + "/v1beta/models/([^/:]+):generateContent")
                .handler(ctx -> chat.handle(ctx, gemini, ctx.pathParam("param0"), ctx.pathParam("param1")));
        batchRoutes(router);
        AdminHandler admin = new AdminHandler(vertx, providers, bill, batches);
        router.get("/admin/bill").handler(admin::getBill);
        router.delete("/admin/bill").handler(admin::clearBill);
        router.get("/admin/providers").handler(admin::getProviders);
        router.get("/admin/providers/:id").handler(admin::getProvider);
        router.post("/admin/providers/:id").handler(admin::postProvider);
        router.get("/admin/health").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.route().last().handler(ctx -> ctx.response()
                .setStatusCode(404)
                .putHeader("content-type", "application/json")
                .end(new JsonObject()
                        .put(
                                "error",
                                new JsonObject()
                                        .put(
                                                "message",
                                                "no such endpoint: "
                                                        + ctx.request().method() + " "
                                                        + ctx.request().path()
                                                        + "; providers live under /<provider>/…, admin under /admin/…"))
                        .encode()));
        // HTTP/1.1 only, as the providers' clients speak it; keep-alive blank lines and a dropped connection mean
        // what they mean there, and no h2c upgrade puts unrelated calls on one connection.
        server = vertx.createHttpServer(new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setHttp2ClearTextEnabled(false));
        // Loading the tokenizer takes seconds on a busy machine; do it before listening, not in the first call.
        // Batch items run when due whether or not anyone polls, so the bill shows them as the provider did the work.
        AtomicBoolean advancing = new AtomicBoolean();
        ticker = vertx.setPeriodic(TICK_MS, t -> {
            if (advancing.compareAndSet(false, true)) {
                vertx.executeBlocking(
                                () -> {
                                    batches.advanceAll();
                                    return null;
                                },
                                false)
                        .onComplete(done -> advancing.set(false));
            }
        });
        return vertx.executeBlocking(() -> TokenCounter.count("warm up"), false)
                .compose(warm -> server.requestHandler(router).listen());
    }

    /** The three batch APIs, each at its real paths under the provider (OpenAI's with and without {@code /v1}). */
    private void batchRoutes(Router router) {
        Function<String, ProviderSettings> lookup = id -> {
            ProviderState state = providers.get(id);
            return state == null ? null : state.settings();
        };
        OpenAiBatches openai = new OpenAiBatches(vertx, batches, lookup);
        String v1 = "/" + ID + "(?:/v1)?";
        router.postWithRegex(v1 + "/files").handler(ctx -> openai.upload(ctx, ctx.pathParam("param0")));
        router.getWithRegex(v1 + "/files/([^/]+)")
                .handler(ctx -> openai.file(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        router.getWithRegex(v1 + "/files/([^/]+)/content")
                .handler(ctx -> openai.content(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        router.postWithRegex(v1 + "/batches").handler(ctx -> openai.create(ctx, ctx.pathParam("param0")));
        router.getWithRegex(v1 + "/batches").handler(ctx -> openai.list(ctx, ctx.pathParam("param0")));
        router.getWithRegex(v1 + "/batches/([^/]+)")
                .handler(ctx -> openai.retrieve(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        router.postWithRegex(v1 + "/batches/([^/]+)/cancel")
                .handler(ctx -> openai.cancel(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        AnthropicBatches anthropic = new AnthropicBatches(vertx, batches, lookup);
        String messages = "/" + ID + "/v1/messages/batches";
        router.postWithRegex(messages).handler(ctx -> anthropic.create(ctx, ctx.pathParam("param0")));
        router.getWithRegex(messages).handler(ctx -> anthropic.list(ctx, ctx.pathParam("param0")));
        router.getWithRegex(messages + "/([^/]+)")
                .handler(ctx -> anthropic.retrieve(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        router.postWithRegex(messages + "/([^/]+)/cancel")
                .handler(ctx -> anthropic.cancel(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        router.getWithRegex(messages + "/([^/]+)/results")
                .handler(ctx -> anthropic.results(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        GeminiBatches gemini = new GeminiBatches(vertx, batches, lookup);
        String beta = "/" + ID + "/v1beta";
        router.postWithRegex(beta + "/models/([^/:]+):batchGenerateContent")
                .handler(ctx -> gemini.create(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        router.getWithRegex(beta + "/batches").handler(ctx -> gemini.list(ctx, ctx.pathParam("param0")));
        router.getWithRegex(beta + "/batches/([^/:]+)")
                .handler(ctx -> gemini.get(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
        router.postWithRegex(beta + "/batches/([^/:]+):cancel")
                .handler(ctx -> gemini.cancel(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
    }

    @Override
    public Future<?> stop() {
        if (ticker >= 0) {
            vertx.cancelTimer(ticker);
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** Runs the batch items that are due by now (each once, billed when run). */
    public void advanceBatches() {
        batches.advanceAll();
    }

    public Set<String> providerIds() {
        return Set.copyOf(providers.keySet());
    }

    public int actualPort() {
        return server.actualPort();
    }

    /** Changes a provider's settings at run time (the same as {@code POST /admin/providers/{id}}). */
    public void replace(ProviderSettings settings) {
        ProviderState state = providers.get(settings.id());
        if (state == null) {
            throw new IllegalArgumentException("the simulator has no provider '" + settings.id() + "'");
        }
        state.replace(settings);
    }

    /** What a provider's limiter admitted and refused. */
    public LimitLog limitLog(String id) {
        settings(id);
        return providers.get(id).limitLog();
    }

    public ProviderSettings settings(String id) {
        ProviderState state = providers.get(id);
        if (state == null) {
            throw new IllegalArgumentException(
                    "the simulator has no provider '" + id + "'; it has: " + String.join(", ", providers.keySet()));
        }
        return state.settings();
    }
}
