package dev.nightshift.simulator.server;

import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.billing.BillingLog;
import dev.nightshift.simulator.billing.ReceivedPrompts;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.limit.Admission;
import dev.nightshift.simulator.limit.LimitScope;
import dev.nightshift.simulator.reply.SeededTests;
import dev.nightshift.simulator.wire.ChatReply;
import dev.nightshift.simulator.wire.ChatRequest;
import dev.nightshift.simulator.wire.Dialect;
import dev.nightshift.simulator.wire.ErrorKind;
import dev.nightshift.simulator.wire.ErrorSpec;
import dev.nightshift.simulator.wire.WireProtocol;
import dev.nightshift.simulator.wire.WireResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one chat call of any protocol: provider and credential checks, request parsing, scripted
 * faults, rate limits, the composed reply after a latency, the billing record. Runs on the event loop;
 * composing runs on a worker thread.
 */
final class ChatHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChatHandler.class);

    private final Vertx vertx;
    private final Map<String, ProviderState> providers;
    private final ReceivedPrompts prompts;
    private final SeededTests seeded;
    private final InstantSource clock;
    private final AtomicLong ids = new AtomicLong();
    private final ReplyDelivery delivery;

    ChatHandler(
            Vertx vertx,
            Map<String, ProviderState> providers,
            BillingLog bill,
            InstantSource clock,
            ReceivedPrompts prompts,
            SeededTests seeded) {
        this.prompts = prompts;
        this.seeded = seeded;
        this.vertx = vertx;
        this.providers = providers;
        this.clock = clock;
        this.delivery = new ReplyDelivery(vertx, bill, clock);
    }

    void handle(RoutingContext ctx, WireProtocol wire, String providerId, String pathModel) {
        handle(ctx, wire, providerId, pathModel, false);
    }

    /** @param streaming true for a streaming endpoint (Gemini {@code :streamGenerateContent}) */
    void handle(RoutingContext ctx, WireProtocol wire, String providerId, String pathModel, boolean streaming) {
        long n = ids.incrementAndGet();
        String requestId = "req_sim" + String.format("%012d", n);
        ProviderState state = providers.get(providerId);
        if (state == null) {
            send(
                    ctx,
                    wire.error(
                            ErrorSpec.of(
                                    ErrorKind.NOT_FOUND,
                                    pathModel,
                                    "unknown provider '" + providerId + "'; the simulator serves: "
                                            + String.join(", ", new TreeSet<>(providers.keySet()))),
                            Dialect.STANDARD,
                            requestId));
            return;
        }
        ProviderSettings settings = state.settings();
        Dialect dialect = settings.dialect();
        if (settings.protocol() != wire.protocol()) {
            send(
                    ctx,
                    wire.error(
                            ErrorSpec.of(
                                    ErrorKind.NOT_FOUND,
                                    pathModel,
                                    "provider '" + providerId + "' speaks the "
                                            + settings.protocol().id() + " protocol, not "
                                            + wire.protocol().id()),
                            dialect,
                            requestId));
            return;
        }
        ChatRequest request = readRequest(ctx, wire, pathModel, dialect, requestId, false);
        if (request == null) {
            return;
        }
        ChatRequest call = streaming ? request.asStream() : request;
        prompts.record(providerId, call.model(), call.prompt());
        Price price = settings.models().get(call.model());
        if (price == null) {
            send(ctx, wire.error(ErrorSpec.of(ErrorKind.NOT_FOUND, call.model(), null), dialect, requestId));
            return;
        }
        if (settings.down()) {
            send(ctx, wire.error(ErrorSpec.of(ErrorKind.OVERLOADED, call.model(), null), dialect, requestId));
            return;
        }
        Optional<FaultRule> fault = state.pickFault(call.prompt());
        if (fault.isPresent()
                && (fault.get().fault().isError() || fault.get().fault() == Fault.MID_STREAM_ERROR && !call.stream())) {
            sendFault(ctx, wire, settings, call, fault.get(), requestId);
            return;
        }
        if (fault.isPresent() && fault.get().fault() == Fault.DISCONNECT) {
            log(providerId, call.model(), "disconnect");
            ctx.request().connection().close();
            return;
        }
        Composer.CacheHit cache = cacheHit(state, settings, call);
        Fault scripted = fault.map(FaultRule::fault).orElse(null);
        vertx.executeBlocking(() -> Composer.compose(call, settings, cache, scripted, state.seed(), seeded), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.atWarn()
                                .addKeyValue("provider", providerId)
                                .addKeyValue("model", call.model())
                                .setCause(ar.cause())
                                .log("simulator failed to compose a reply");
                        send(
                                ctx,
                                wire.error(
                                        ErrorSpec.of(ErrorKind.SERVER_ERROR, call.model(), null), dialect, requestId));
                        return;
                    }
                    admit(ctx, wire, state, call, price, fault.orElse(null), ar.result(), n, requestId);
                });
    }

    /** Token counting: free, never billed or rate-limited, counted as the chat call would be. */
    void count(RoutingContext ctx, WireProtocol wire, String providerId, String pathModel) {
        String requestId = "req_sim" + String.format("%012d", ids.incrementAndGet());
        ProviderState state = providers.get(providerId);
        if (state == null || state.settings().protocol() != wire.protocol()) {
            send(
                    ctx,
                    wire.error(
                            ErrorSpec.of(
                                    ErrorKind.NOT_FOUND,
                                    pathModel,
                                    "unknown provider '" + providerId + "' for the "
                                            + wire.protocol().id() + " protocol"),
                            Dialect.STANDARD,
                            requestId));
            return;
        }
        ProviderSettings settings = state.settings();
        ChatRequest request = readRequest(ctx, wire, pathModel, settings.dialect(), requestId, true);
        if (request == null) {
            return;
        }
        if (!settings.models().containsKey(request.model())) {
            send(
                    ctx,
                    wire.error(
                            ErrorSpec.of(ErrorKind.NOT_FOUND, request.model(), null), settings.dialect(), requestId));
            return;
        }
        vertx.executeBlocking(() -> Composer.scale(TokenCounter.count(request.prompt()), settings.tokenFactor()), false)
                .onComplete(ar -> {
                    Map<String, String> headers =
                            new LinkedHashMap<>(wire.commonHeaders(requestId, settings.dialect()));
                    headers.put("content-type", "application/json");
                    send(
                            ctx,
                            ar.succeeded()
                                    ? new WireResponse(200, headers, wire.countBody(ar.result()))
                                    : wire.error(
                                            ErrorSpec.of(ErrorKind.SERVER_ERROR, request.model(), null),
                                            settings.dialect(),
                                            requestId));
                });
    }

    /** Checks the credential and headers and parses the body; answers the error itself and returns null if any is wrong. */
    private ChatRequest readRequest(
            RoutingContext ctx,
            WireProtocol wire,
            String pathModel,
            Dialect dialect,
            String requestId,
            boolean forCount) {
        if (!wire.hasCredential(ctx.request()::getHeader, ctx.request()::getParam)) {
            send(ctx, wire.error(ErrorSpec.of(ErrorKind.UNAUTHORIZED, pathModel, null), dialect, requestId));
            return null;
        }
        String headerProblem = wire.headerProblem(ctx.request()::getHeader);
        if (headerProblem != null) {
            send(ctx, wire.error(ErrorSpec.of(ErrorKind.BAD_REQUEST, pathModel, headerProblem), dialect, requestId));
            return null;
        }
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new IllegalArgumentException("the request body must be a JSON object");
            }
            return forCount ? wire.parseCount(body, pathModel) : wire.parse(body, pathModel);
        } catch (DecodeException | ClassCastException e) {
            send(
                    ctx,
                    wire.error(
                            ErrorSpec.of(
                                    ErrorKind.BAD_REQUEST,
                                    pathModel,
                                    "We could not parse the JSON body of your request."),
                            dialect,
                            requestId));
        } catch (IllegalArgumentException e) {
            send(ctx, wire.error(ErrorSpec.of(ErrorKind.BAD_REQUEST, pathModel, e.getMessage()), dialect, requestId));
        }
        return null;
    }

    /** What the prompt cache holds for this request (and it holds the request's prefix from now on). */
    static Composer.CacheHit cacheHit(ProviderState state, ProviderSettings settings, ChatRequest request) {
        if (settings.protocol() == Protocol.ANTHROPIC) {
            return request.explicitPrefix() == null
                    ? new Composer.CacheHit.None()
                    : new Composer.CacheHit.Explicit(
                            request.explicitPrefix(),
                            state.explicitCacheHit(request.model(), request.explicitPrefix()));
        }
        return new Composer.CacheHit.Implicit(state.implicitCacheChars(request.model(), request.prompt()));
    }

    private void admit(
            RoutingContext ctx,
            WireProtocol wire,
            ProviderState state,
            ChatRequest request,
            Price price,
            FaultRule fault,
            Composer.Composed composed,
            long n,
            String requestId) {
        ProviderSettings settings = state.settings();
        var usage = composed.usage();
        Long window = settings.contextWindows().get(request.model());
        if (window != null && tooLong(settings, request, usage.promptTotal(), window)) {
            log(settings.id(), request.model(), "context too long");
            send(
                    ctx,
                    wire.error(
                            new ErrorSpec(
                                    ErrorKind.CONTEXT_TOO_LONG,
                                    null,
                                    request.model(),
                                    null,
                                    window,
                                    usage.promptTotal(),
                                    0,
                                    null),
                            settings.dialect(),
                            requestId));
            return;
        }
        // Anthropic does not count cache reads against input tokens per minute; the others count the whole prompt.
        long limitedInput = settings.protocol() == Protocol.ANTHROPIC
                ? usage.uncachedInput() + usage.cacheWriteInput()
                : usage.promptTotal();
        long reserve = request.maxTokens() != null ? request.maxTokens() : usage.output();
        Admission admission = state.admit(limitedInput, reserve);
        if (admission instanceof Admission.Refused refused) {
            WireResponse error = wire.error(
                    ErrorSpec.rateLimited(
                            request.model(),
                            refused.scope(),
                            refused.limit(),
                            refused.used(),
                            refused.requested(),
                            refused.retryAfter()),
                    settings.dialect(),
                    requestId);
            Map<String, String> headers =
                    new LinkedHashMap<>(wire.rateLimitHeaders(state.snapshot(), settings.dialect()));
            headers.putAll(error.headers());
            log(settings.id(), request.model(), "429 " + refused.scope());
            send(ctx, new WireResponse(error.status(), headers, error.body()));
            return;
        }
        Admission.Admitted ticket = (Admission.Admitted) admission;
        String id =
                switch (settings.protocol()) {
                    case OPENAI -> "chatcmpl-sim" + String.format("%012d", n);
                    case ANTHROPIC -> "msg_sim" + String.format("%012d", n);
                    case GEMINI -> "sim" + String.format("%012d", n);
                };
        ChatReply reply = new ChatReply(
                id,
                request.model(),
                composed.text(),
                composed.finish(),
                usage,
                clock.instant().getEpochSecond());
        Fault kind = fault == null ? null : fault.fault();
        long delay =
                state.sampleLatencyMs(usage.output()) + (kind == Fault.SLOW_FIRST_BYTE ? fault.delayOrDefault() : 0);
        Runnable deliver = () -> delivery.deliver(ctx, wire, state, request, reply, price, fault, ticket, requestId);
        if (kind == Fault.KEEPALIVE_THEN_JSON || kind == Fault.KEEPALIVE_THEN_CLOSE) {
            delivery.keepAlive(ctx, wire, state, request, fault, requestId, delay, deliver);
        } else if (delay <= 0) {
            deliver.run();
        } else {
            vertx.setTimer(delay, t -> deliver.run());
        }
    }

    /** Gemini counts the prompt alone; OpenAI and Anthropic also count the output the call asks for. */
    static boolean tooLong(ProviderSettings settings, ChatRequest request, long input, long window) {
        if (input > window) {
            return true;
        }
        return settings.protocol() != Protocol.GEMINI
                && request.maxTokens() != null
                && input + request.maxTokens() > window;
    }

    private void sendFault(
            RoutingContext ctx,
            WireProtocol wire,
            ProviderSettings settings,
            ChatRequest request,
            FaultRule rule,
            String requestId) {
        log(settings.id(), request.model(), "fault " + rule.fault().id());
        send(ctx, wire.error(faultError(settings, request, rule), settings.dialect(), requestId));
    }

    /** The error a scripted error fault answers with; a batch item failed by the same fault carries the same. */
    static ErrorSpec faultError(ProviderSettings settings, ChatRequest request, FaultRule rule) {
        return switch (rule.fault()) {
            case RATE_LIMITED ->
                ErrorSpec.rateLimited(
                        request.model(),
                        LimitScope.REQUESTS,
                        settings.limits().requestsPerMinute() == null
                                ? 0
                                : settings.limits().requestsPerMinute(),
                        settings.limits().requestsPerMinute() == null
                                ? 0
                                : settings.limits().requestsPerMinute(),
                        1,
                        Duration.ofMillis(rule.retryAfterOrDefault()));
            case INSUFFICIENT_QUOTA -> ErrorSpec.of(ErrorKind.QUOTA_EXHAUSTED, request.model(), null);
            case SERVER_ERROR, MID_STREAM_ERROR -> ErrorSpec.of(ErrorKind.SERVER_ERROR, request.model(), null);
            case UNAVAILABLE -> ErrorSpec.of(ErrorKind.UNAVAILABLE, request.model(), null);
            case OVERLOADED -> ErrorSpec.of(ErrorKind.OVERLOADED, request.model(), null);
            case UNAUTHORIZED -> ErrorSpec.of(ErrorKind.INVALID_KEY, request.model(), null);
            case CONTEXT_TOO_LONG -> {
                long window = settings.contextWindows().getOrDefault(request.model(), 128_000L);
                yield new ErrorSpec(
                        ErrorKind.CONTEXT_TOO_LONG,
                        null,
                        request.model(),
                        null,
                        window,
                        Math.max(window + 1, TokenCounter.count(request.prompt())),
                        0,
                        null);
            }
            default ->
                ErrorSpec.of(
                        ErrorKind.BAD_REQUEST,
                        request.model(),
                        "Invalid request: the simulator was scripted to reject this prompt.");
        };
    }

    private static void send(RoutingContext ctx, WireResponse response) {
        if (ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(response.status());
        response.headers().forEach(ctx.response()::putHeader);
        ctx.response().end(response.body());
    }

    private static void log(String provider, String model, String outcome) {
        LOG.atDebug()
                .addKeyValue("provider", provider)
                .addKeyValue("model", model)
                .log("simulated call: {}", outcome);
    }
}
