package dev.nightshift.router.budget;

import dev.nightshift.core.money.Money;
import java.util.Map;
import java.util.Objects;

/**
 * Budgets: per run (from the run's own {@code maxCost}, else {@code defaultRunMaxCost}) and per tenant and
 * UTC day. {@code null} limits mean unlimited.
 */
public record BudgetSettings(
        ReserveMode reserve, Money defaultRunMaxCost, Money defaultTenantDaily, Map<String, Money> tenantDaily) {
    public static final BudgetSettings UNLIMITED = new BudgetSettings(ReserveMode.WORST_CASE, null, null, Map.of());

    public BudgetSettings {
        reserve = reserve == null ? ReserveMode.WORST_CASE : reserve;
        tenantDaily = tenantDaily == null ? Map.of() : Map.copyOf(tenantDaily);
        requireNotNegative("defaultRunMaxCost", defaultRunMaxCost);
        requireNotNegative("defaultTenantDaily", defaultTenantDaily);
        tenantDaily.forEach((t, m) ->
                requireNotNegative("tenants." + t + ".daily", Objects.requireNonNull(m, "tenants." + t + ".daily")));
    }

    public Money tenantDailyLimit(String tenant) {
        return tenantDaily.getOrDefault(tenant, defaultTenantDaily);
    }

    private static void requireNotNegative(String key, Money m) {
        if (m != null && m.isNegative()) {
            throw new IllegalArgumentException(key + " cannot be negative, got " + m);
        }
    }
}
