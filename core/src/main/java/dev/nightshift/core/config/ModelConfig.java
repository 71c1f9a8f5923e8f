package dev.nightshift.core.config;

import dev.nightshift.core.money.Price;

/**
 * One model of a provider.
 *
 * @param name          the model name sent on the wire; defaults to the model's key in config
 * @param contextWindow input plus output tokens the model accepts
 * @param price         dollars per million tokens; required, since an unpriced model would be billed as $0
 */
public record ModelConfig(String name, long contextWindow, Price price) {
    public ModelConfig {
        if (contextWindow <= 0) {
            throw new IllegalArgumentException("contextWindow must be > 0 tokens");
        }
        if (price == null) {
            throw new IllegalArgumentException("price is required: give input and output dollars per million tokens");
        }
    }
}
