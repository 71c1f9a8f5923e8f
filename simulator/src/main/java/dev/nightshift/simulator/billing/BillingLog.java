package dev.nightshift.simulator.billing;

import dev.nightshift.core.money.Money;
import dev.nightshift.core.money.Price;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider's side of the books: every accepted request with its usage and exact cost. Written on the
 * event loop, read from any thread (tests, the admin endpoint), hence synchronised.
 */
public final class BillingLog {
    private final List<BillEntry> entries = new ArrayList<>();

    /** A synchronous call answered in full. */
    public BillEntry record(Instant at, String provider, String model, String requestId, Usage usage, Price price) {
        return record(at, provider, model, requestId, usage, price, ServiceTier.STANDARD);
    }

    /** @param price the price of {@code tier}: for a batch item, the batch price already applied */
    public synchronized BillEntry record(
            Instant at, String provider, String model, String requestId, Usage usage, Price price, ServiceTier tier) {
        BillEntry e =
                new BillEntry(entries.size() + 1L, at, provider, model, requestId, usage, price.cost(usage), tier);
        entries.add(e);
        return e;
    }

    public synchronized List<BillEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<BillEntry> entries(String provider) {
        return entries.stream().filter(e -> e.provider().equals(provider)).toList();
    }

    public static Money total(List<BillEntry> entries) {
        return entries.stream().map(BillEntry::cost).reduce(Money.ZERO, Money::plus);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
