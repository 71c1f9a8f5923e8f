package dev.nightshift.simulator;

import java.util.Map;

/**
 * A simulator script file: a seed and per-provider changes over the settings derived from the
 * nightshift configuration. Example:
 * <pre>
 * seed: 7
 * providers:
 *   deepseek:
 *     tokenFactor: 1.2
 *     latency: {distribution: lognormal, medianMs: 300, sigma: 0.6, maxMs: 5000}
 *     limits: {requestsPerMinute: 60, concurrentRequests: 4}
 *     faults:
 *       - {fault: server-error, rate: 0.05}
 *       - {fault: bad-request, whenPromptContains: "POISON"}
 * </pre>
 */
public record SimulatorScript(Long seed, Map<String, ProviderScript> providers) {
    public SimulatorScript {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }
}
