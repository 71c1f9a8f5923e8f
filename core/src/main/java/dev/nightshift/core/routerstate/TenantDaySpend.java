package dev.nightshift.core.routerstate;

import dev.nightshift.core.money.Money;
import java.time.LocalDate;
import java.util.Objects;

/** What a tenant's settled attempts cost on one day (UTC), against its daily budget. */
public record TenantDaySpend(String tenant, LocalDate day, Money spent) implements RouterState {
    public TenantDaySpend {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(day, "day");
        spent = spent == null ? Money.ZERO : spent;
    }

    @Override
    public String key() {
        return RouterState.tenantDayKey(tenant, day);
    }
}
