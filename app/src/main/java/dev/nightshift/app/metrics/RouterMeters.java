package dev.nightshift.app.metrics;

import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.provider.ModelRef;
import dev.nightshift.router.metrics.MicrometerRouterEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/** The router's meters, with every configured model's routed-jobs counter present from the start. */
public final class RouterMeters {
    private RouterMeters() {}

    public static MicrometerRouterEvents of(MeterRegistry registry, NightshiftConfig config) {
        List<ModelRef> models = new ArrayList<>();
        config.providers()
                .forEach((provider, p) -> p.models().keySet().forEach(m -> models.add(new ModelRef(provider, m))));
        return new MicrometerRouterEvents(registry).startingAtZero(models);
    }
}
