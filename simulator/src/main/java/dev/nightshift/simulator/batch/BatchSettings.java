package dev.nightshift.simulator.batch;

import dev.nightshift.core.money.Price;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * How one provider's batch API behaves. Every field is optional: left out, it keeps the value it had (in a script or
 * {@code POST /admin/providers/{id}}) or takes the default. Times are in the simulator's clock, so a faster clock
 * shortens them as it shortens rate-limit windows.
 *
 * @param turnaroundMs    from creation until every item has run and the batch ends (default 1000)
 * @param expireAfterMs   the completion window (the real 24 h, the default): a batch still running then ends expired
 * @param itemFailureRate the share of items that fail with the provider's per-item server error (seeded)
 * @param itemExpireRate  the share of items the provider does not reach within the window (seeded): a batch with any
 *                        such item runs until its window passes and ends expired
 * @param priceFactor     the batch price as a fraction of the synchronous one (the nightshift config's
 *                        {@code batch.priceFactor}; default 0.5)
 */
public record BatchSettings(
        Long turnaroundMs, Long expireAfterMs, Double itemFailureRate, Double itemExpireRate, BigDecimal priceFactor) {
    public static final BatchSettings DEFAULT = new BatchSettings(null, null, null, null, null);

    private static final long DEFAULT_TURNAROUND_MS = 1000;
    private static final long DEFAULT_WINDOW_MS = Duration.ofHours(24).toMillis();
    private static final BigDecimal HALF = new BigDecimal("0.5");

    public BatchSettings {
        if (turnaroundMs != null && turnaroundMs < 0) {
            throw new IllegalArgumentException("batch.turnaroundMs must be >= 0, got " + turnaroundMs);
        }
        if (expireAfterMs != null && expireAfterMs <= 0) {
            throw new IllegalArgumentException(
                    "batch.expireAfterMs must be > 0 (86400000 for the real 24 h window), got " + expireAfterMs);
        }
        rate("batch.itemFailureRate", itemFailureRate);
        rate("batch.itemExpireRate", itemExpireRate);
        if (priceFactor != null && (priceFactor.signum() <= 0 || priceFactor.compareTo(BigDecimal.ONE) > 0)) {
            throw new IllegalArgumentException("batch.priceFactor must be more than 0 and at most 1 (e.g. 0.5), got "
                    + priceFactor.toPlainString());
        }
    }

    /** Only the price factor set: what {@code SimulatorConfig.from} takes from the nightshift config. */
    public static BatchSettings priced(BigDecimal factor) {
        return new BatchSettings(null, null, null, null, factor);
    }

    /** The fields set here over {@code base}'s. */
    public BatchSettings over(BatchSettings base) {
        return new BatchSettings(
                turnaroundMs != null ? turnaroundMs : base.turnaroundMs,
                expireAfterMs != null ? expireAfterMs : base.expireAfterMs,
                itemFailureRate != null ? itemFailureRate : base.itemFailureRate,
                itemExpireRate != null ? itemExpireRate : base.itemExpireRate,
                priceFactor != null ? priceFactor : base.priceFactor);
    }

    public BatchSettings withTurnaroundMs(long ms) {
        return new BatchSettings(ms, expireAfterMs, itemFailureRate, itemExpireRate, priceFactor);
    }

    public BatchSettings withExpireAfterMs(long ms) {
        return new BatchSettings(turnaroundMs, ms, itemFailureRate, itemExpireRate, priceFactor);
    }

    public BatchSettings withItemFailureRate(double rate) {
        return new BatchSettings(turnaroundMs, expireAfterMs, rate, itemExpireRate, priceFactor);
    }

    public BatchSettings withItemExpireRate(double rate) {
        return new BatchSettings(turnaroundMs, expireAfterMs, itemFailureRate, rate, priceFactor);
    }

    public Duration turnaround() {
        return Duration.ofMillis(turnaroundMs != null ? turnaroundMs : DEFAULT_TURNAROUND_MS);
    }

    public Duration window() {
        return Duration.ofMillis(expireAfterMs != null ? expireAfterMs : DEFAULT_WINDOW_MS);
    }

    public double failureRate() {
        return itemFailureRate != null ? itemFailureRate : 0;
    }

    public double expireRate() {
        return itemExpireRate != null ? itemExpireRate : 0;
    }

    public BigDecimal factor() {
        return priceFactor != null ? priceFactor : HALF;
    }

    /** The batch price of a model whose synchronous price is {@code standard}: every bucket times the factor, exactly. */
    public Price price(Price standard) {
        BigDecimal f = factor();
        return new Price(
                standard.input().times(f),
                standard.cacheRead().times(f),
                standard.cacheWrite().times(f),
                standard.output().times(f));
    }

    private static void rate(String key, Double rate) {
        if (rate != null && (rate.isNaN() || rate < 0 || rate > 1)) {
            throw new IllegalArgumentException(key + " must be between 0 and 1, got " + rate);
        }
    }
}
