package dev.nightshift.simulator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightshift.core.codec.Json;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.simulator.ProviderScript;
import dev.nightshift.simulator.batch.BatchStore;
import dev.nightshift.simulator.billing.BillEntry;
import dev.nightshift.simulator.billing.BillingLog;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The admin endpoints: the billing log ({@code GET/DELETE /admin/bill}) and the providers' settings
 * ({@code GET /admin/providers[/{id}]}, {@code POST /admin/providers/{id}} with a {@link ProviderScript}).
 */
final class AdminHandler {
    private static final ObjectMapper STRICT =
            Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Vertx vertx;
    private final Map<String, ProviderState> providers;
    private final BillingLog bill;
    private final BatchStore batches;

    AdminHandler(Vertx vertx, Map<String, ProviderState> providers, BillingLog bill, BatchStore batches) {
        this.vertx = vertx;
        this.providers = providers;
        this.bill = bill;
        this.batches = batches;
    }

    /**
     * The bill, after running the batch items due by now. {@code byProvider} counts, per provider, the synchronous
     * requests answered ({@code standard}) and the batch items answered ({@code batch}): the share of the synchronous
     * quota a run used.
     */
    void getBill(RoutingContext ctx) {
        String provider = ctx.request().getParam("provider");
        vertx.executeBlocking(
                        () -> {
                            batches.advanceAll();
                            return provider == null ? bill.entries() : bill.entries(provider);
                        },
                        false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ctx.fail(500, ar.cause());
                        return;
                    }
                    List<BillEntry> entries = ar.result();
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("count", entries.size());
                    out.put("totalUsd", BillingLog.total(entries));
                    Map<String, Money> byModel = new TreeMap<>();
                    entries.forEach(e -> byModel.merge(e.provider() + "/" + e.model(), e.cost(), Money::plus));
                    out.put("byModel", byModel);
                    Map<String, Map<String, Long>> byProvider = new TreeMap<>();
                    entries.forEach(e -> byProvider
                            .computeIfAbsent(e.provider(), p -> {
                                Map<String, Long> tiers = new LinkedHashMap<>();
                                for (ServiceTier t : ServiceTier.values()) {
                                    tiers.put(t.id(), 0L);
                                }
                                return tiers;
                            })
                            .merge(e.tier().id(), 1L, Long::sum));
                    out.put("byProvider", byProvider);
                    out.put("entries", entries);
                    json(ctx, 200, out);
                });
    }

    void clearBill(RoutingContext ctx) {
        bill.clear();
        ctx.response().setStatusCode(204).end();
    }

    void getProviders(RoutingContext ctx) {
        Map<String, Object> out = new TreeMap<>();
        providers.forEach((id, state) -> out.put(id, state.settings()));
        json(ctx, 200, out);
    }

    void getProvider(RoutingContext ctx) {
        ProviderState state = providers.get(ctx.pathParam("id"));
        if (state == null) {
            unknown(ctx);
            return;
        }
        json(ctx, 200, state.settings());
    }

    void postProvider(RoutingContext ctx) {
        ProviderState state = providers.get(ctx.pathParam("id"));
        if (state == null) {
            unknown(ctx);
            return;
        }
        try {
            ProviderScript script = STRICT.readValue(ctx.body().asString(), ProviderScript.class);
            if (script == null) {
                throw new IllegalArgumentException("the body must be a JSON object such as {\"down\": true}");
            }
            state.replace(state.settings().apply(script));
            json(ctx, 200, state.settings());
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            json(ctx, 400, Map.of("error", "cannot apply this provider script: " + reason));
        } catch (IllegalArgumentException e) {
            json(ctx, 400, Map.of("error", "cannot apply this provider script: " + e.getMessage()));
        }
    }

    private void unknown(RoutingContext ctx) {
        json(
                ctx,
                404,
                Map.of(
                        "error",
                        "unknown provider '" + ctx.pathParam("id") + "'; the simulator serves: "
                                + String.join(", ", new TreeMap<>(providers).keySet())));
    }

    private static void json(RoutingContext ctx, int status, Object value) {
        try {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("content-type", "application/json")
                    .end(Json.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            ctx.fail(500, e);
        }
    }
}
