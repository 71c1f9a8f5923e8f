package dev.nightshift.simulator.server;

import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.Protocol;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.simulator.ProviderSettings;
import dev.nightshift.simulator.batch.BatchItem;
import dev.nightshift.simulator.batch.Draws;
import dev.nightshift.simulator.batch.ItemOutcome;
import dev.nightshift.simulator.batch.ItemRunner;
import dev.nightshift.simulator.billing.BillingLog;
import dev.nightshift.simulator.billing.ReceivedPrompts;
import dev.nightshift.simulator.fault.Fault;
import dev.nightshift.simulator.fault.FaultRule;
import dev.nightshift.simulator.reply.SeededTests;
import dev.nightshift.simulator.wire.ChatReply;
import dev.nightshift.simulator.wire.ChatRequest;
import dev.nightshift.simulator.wire.ErrorKind;
import dev.nightshift.simulator.wire.ErrorSpec;
import dev.nightshift.simulator.wire.WireProtocol;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a batch item as the synchronous endpoint runs a call of the same body — the same fault plan, prompt cache,
 * composer and context check, so the same text and usage — but outside the rate limiter (batches have a quota of their
 * own) and with no delivery faults (there is no connection to break). An answered item is billed once, at the batch
 * price, marked {@code batch}.
 */
final class BatchItems implements ItemRunner {
    /** Faults that change the reply itself; the others (dropped connections, keep-alives, bad JSON) need a connection. */
    private static final Set<Fault> REPLY_FAULTS =
            Set.of(Fault.CONTENT_FILTERED, Fault.EMPTY_AT_LENGTH, Fault.LARGE_BODY);

    private final Map<String, ProviderState> providers;
    private final Map<Protocol, WireProtocol> wires;
    private final BillingLog bill;
    private final InstantSource clock;
    private final ReceivedPrompts prompts;
    private final SeededTests seeded;
    private final AtomicLong ids = new AtomicLong();

    BatchItems(
            Map<String, ProviderState> providers,
            Map<Protocol, WireProtocol> wires,
            BillingLog bill,
            InstantSource clock,
            ReceivedPrompts prompts,
            SeededTests seeded) {
        this.providers = providers;
        this.wires = wires;
        this.bill = bill;
        this.clock = clock;
        this.prompts = prompts;
        this.seeded = seeded;
    }

    @Override
    public ItemOutcome run(String provider, String batchId, BatchItem item) {
        ProviderState state = providers.get(provider);
        ProviderSettings settings = state.settings();
        WireProtocol wire = wires.get(settings.protocol());
        ChatRequest call = item.request();
        long n = ids.incrementAndGet();
        String requestId = "req_simbatch" + String.format("%012d", n);
        prompts.record(provider, call.model(), call.prompt());
        Price price = settings.models().get(call.model());
        if (price == null) {
            return error(wire, settings, ErrorSpec.of(ErrorKind.NOT_FOUND, call.model(), null), requestId);
        }
        if (settings.down()) {
            return error(wire, settings, ErrorSpec.of(ErrorKind.OVERLOADED, call.model(), null), requestId);
        }
        Optional<FaultRule> fault = state.pickFault(call.prompt());
        if (fault.isPresent() && fault.get().fault().isError()) {
            return error(wire, settings, ChatHandler.faultError(settings, call, fault.get()), requestId);
        }
        if (settings.batch().failureRate() > 0
                && Draws.draw(state.seed(), batchId, item.key(), "fail")
                        < settings.batch().failureRate()) {
            return error(wire, settings, ErrorSpec.of(ErrorKind.SERVER_ERROR, call.model(), null), requestId);
        }
        Fault scripted =
                fault.map(FaultRule::fault).filter(REPLY_FAULTS::contains).orElse(null);
        Composer.CacheHit cache = ChatHandler.cacheHit(state, settings, call);
        Composer.Composed composed = Composer.compose(call, settings, cache, scripted, state.seed(), seeded);
        var usage = composed.usage();
        Long window = settings.contextWindows().get(call.model());
        if (window != null && ChatHandler.tooLong(settings, call, usage.promptTotal(), window)) {
            return error(
                    wire,
                    settings,
                    new ErrorSpec(
                            ErrorKind.CONTEXT_TOO_LONG, null, call.model(), null, window, usage.promptTotal(), 0, null),
                    requestId);
        }
        String id =
                switch (settings.protocol()) {
                    case OPENAI -> "chatcmpl-simb" + String.format("%012d", n);
                    case ANTHROPIC -> "msg_simb" + String.format("%012d", n);
                    case GEMINI -> "simb" + String.format("%012d", n);
                };
        ChatReply reply = new ChatReply(
                id,
                call.model(),
                composed.text(),
                composed.finish(),
                usage,
                clock.instant().getEpochSecond());
        bill.record(
                clock.instant(),
                provider,
                call.model(),
                id,
                usage.normalised(),
                settings.batch().price(price),
                ServiceTier.BATCH);
        return new ItemOutcome.Answered(reply, requestId);
    }

    private static ItemOutcome error(WireProtocol wire, ProviderSettings settings, ErrorSpec spec, String requestId) {
        return new ItemOutcome.Errored(wire.error(spec, settings.dialect(), requestId), requestId);
    }
}
