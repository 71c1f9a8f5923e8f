package dev.nightshift.simulator;

import dev.nightshift.core.provider.Protocol;
import dev.nightshift.simulator.billing.BillEntry;
import dev.nightshift.simulator.billing.BillingLog;
import dev.nightshift.simulator.billing.ReceivedPrompts;
import dev.nightshift.simulator.limit.LimitLog;
import dev.nightshift.simulator.reply.SeededTests;
import dev.nightshift.simulator.server.SimulatorVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A local HTTP server on 127.0.0.1 that speaks the providers' real wire protocols (OpenAI-compatible,
 * Anthropic, Gemini), so nightshift never needs a real provider. Every configured provider lives under
 * its own path prefix; {@link #baseUrlFor} gives the URL to put in that provider's {@code baseUrl}.
 * Keeps a billing log of every request it answered in full.
 */
public final class ProviderSimulator implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final SimulatorVerticle verticle;
    private final String deploymentId;
    private final BillingLog bill;
    private final ReceivedPrompts prompts;
    private final SeededTests seeded;

    private ProviderSimulator(
            Vertx vertx,
            boolean ownsVertx,
            SimulatorVerticle verticle,
            String deploymentId,
            BillingLog bill,
            ReceivedPrompts prompts,
            SeededTests seeded) {
        this.prompts = prompts;
        this.seeded = seeded;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.verticle = verticle;
        this.deploymentId = deploymentId;
        this.bill = bill;
    }

    /** Starts on its own Vert.x instance and waits until it listens. */
    public static ProviderSimulator start(SimulatorConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            return await(start(vertx, config, InstantSource.system(), true));
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Deploys on an existing Vert.x instance (the all-in-one app); closing undeploys it only. */
    public static Future<ProviderSimulator> start(Vertx vertx, SimulatorConfig config) {
        return start(vertx, config, InstantSource.system(), false);
    }

    /** With an injected clock, for tests of rate limits and cache expiry. */
    public static ProviderSimulator start(SimulatorConfig config, InstantSource clock) {
        Vertx vertx = Vertx.vertx();
        try {
            return await(start(vertx, config, clock, true));
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private static Future<ProviderSimulator> start(
            Vertx vertx, SimulatorConfig config, InstantSource clock, boolean owns) {
        BillingLog bill = new BillingLog();
        ReceivedPrompts prompts = new ReceivedPrompts();
        SeededTests seeded = new SeededTests();
        SimulatorVerticle verticle = new SimulatorVerticle(config, clock, bill, prompts, seeded);
        return vertx.deployVerticle(verticle)
                .map(id -> new ProviderSimulator(vertx, owns, verticle, id, bill, prompts, seeded));
    }

    public int port() {
        return verticle.actualPort();
    }

    /** {@code http://127.0.0.1:<port>}, where the admin endpoints live. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The URL to put in a provider's {@code baseUrl} so that an unchanged client talks to the simulator:
     * OpenAI protocol {@code …/<id>/v1} (client posts {@code /chat/completions}), Anthropic {@code …/<id>}
     * (client posts {@code /v1/messages}), Gemini {@code …/<id>/v1beta} (client posts
     * {@code /models/{model}:generateContent}).
     */
    public String baseUrlFor(String providerId) {
        Protocol protocol = verticle.settings(providerId).protocol();
        String root = baseUrl() + "/" + providerId;
        return switch (protocol) {
            case OPENAI -> root + "/v1";
            case ANTHROPIC -> root;
            case GEMINI -> root + "/v1beta";
        };
    }

    /** The ids of the providers it serves. */
    public Set<String> providers() {
        return verticle.providerIds();
    }

    /**
     * Every request answered in full so far, in order: synchronous calls and batch items (a batch item is billed when
     * it runs; the items due by now are run first, so the bill never lags the clock).
     */
    public List<BillEntry> bill() {
        verticle.advanceBatches();
        return bill.entries();
    }

    public List<BillEntry> bill(String providerId) {
        verticle.advanceBatches();
        return bill.entries(providerId);
    }

    /**
     * What a provider's rate limiter admitted (with arrival time and tokens) and how many calls it refused
     * with a 429, by limit: the provider's own view of how full each window was.
     */
    public LimitLog limitLog(String providerId) {
        return verticle.limitLog(providerId);
    }

    /** Every test this simulator wrote, with the defect worked into it: what validating it would find. */
    public SeededTests seededTests() {
        return seeded;
    }

    /** The prompts received so far (the last 20,000), oldest first: what each model was actually given. */
    public List<ReceivedPrompts.Received> prompts() {
        return prompts.all();
    }

    public void clearBill() {
        bill.clear();
    }

    public ProviderSettings settings(String providerId) {
        return verticle.settings(providerId);
    }

    /** Changes a provider while running, e.g. {@code script("deepseek", p -> p.withDown(true))}. */
    public void script(String providerId, UnaryOperator<ProviderSettings> change) {
        verticle.replace(change.apply(verticle.settings(providerId)));
    }

    @Override
    public void close() {
        if (ownsVertx) {
            await(vertx.close());
        } else {
            await(vertx.undeploy(deploymentId));
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting or stopping the provider simulator", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the provider simulator failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the provider simulator did not start or stop within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }
}
