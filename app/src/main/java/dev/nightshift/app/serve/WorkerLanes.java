package dev.nightshift.app.serve;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.core.config.ApiKey;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.core.config.ProviderConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which providers' lanes a served worker works. A lane without a key would take jobs only to have every call refused
 * as unauthorized, so it is left to a worker that has one; the exception is a provider served on this machine (a local
 * model server, the simulator), which needs none.
 *
 * @param working the providers whose lanes start
 * @param skipped the providers left alone, each with the variable that would hold its key
 */
record WorkerLanes(Set<String> working, Map<String, String> skipped) {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static WorkerLanes select(NightshiftConfig config, Map<String, ApiKey> keys) {
        Set<String> working = new TreeSet<>();
        Map<String, String> skipped = new TreeMap<>();
        config.providers().forEach((id, provider) -> {
            if (keys.containsKey(id) || servedOnThisMachine(provider)) {
                working.add(id);
            } else {
                skipped.put(id, provider.apiKeyEnv());
            }
        });
        return new WorkerLanes(Collections.unmodifiableSet(working), Collections.unmodifiableMap(skipped));
    }

    /** One line per provider left alone, naming its variable; for the operator reading the service's output. */
    List<String> skippedLines() {
        List<String> lines = new ArrayList<>();
        skipped.forEach((id, variable) -> lines.add("worker: not working provider '" + id + "': no key in " + variable
                + "; its jobs wait for a worker that has one (set " + variable + " here to work it)"));
        return lines;
    }

    /** @throws UserError when no lane at all can start, naming every variable that would make one */
    void requireOne() {
        if (working.isEmpty()) {
            throw UserError.badInput("no provider lane can start: no key is set for any provider ("
                    + String.join(", ", new TreeSet<>(skipped.values()))
                    + ") and none has a baseUrl on this machine; set at least one of them");
        }
    }

    private static boolean servedOnThisMachine(ProviderConfig provider) {
        String host = URI.create(provider.baseUrl()).getHost();
        return host != null && (LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT)) || host.startsWith("127."));
    }
}
