package dev.nightshift.worker.batch;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.money.Money;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.core.provider.ServiceTier;
import dev.nightshift.core.usage.Usage;
import java.util.Map;

/** The bundled configuration's prices at the batch tier, which batch items are billed at. */
final class BundledBatchPrices {
    static final NightshiftConfig CONFIG = ConfigLoader.loadDefault(Map.of());

    private BundledBatchPrices() {}

    static Money cost(String provider, String model, Usage usage) {
        return CONFIG.price(new ModelRef(provider, model), ServiceTier.BATCH).cost(usage);
    }
}
