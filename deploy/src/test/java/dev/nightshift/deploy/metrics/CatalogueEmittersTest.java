package dev.nightshift.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.metrics.MetricNames;
import dev.nightshift.core.metrics.MetricNames.Meter;
import dev.nightshift.deploy.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A catalogued meter that no service registers is a dashboard panel with no data, and the Prometheus checks of
 * this module cannot see it (their registry holds every catalogued meter by construction). So every meter must be
 * registered, through its {@link MetricNames} constant, by the main code of each service its catalogue entry
 * names as emitting it.
 */
class CatalogueEmittersTest {
    /** Where each service's meters are registered. */
    private static final Map<String, String> MODULE =
            Map.of("ingest", "ingest", "router", "router", "worker", "worker", "sink", "sink");

    @Test
    void everyMeterIsRegisteredByEachServiceTheCatalogueSaysEmitsIt() {
        Map<Meter, Set<String>> constants = constants();
        Map<String, String> sources = new HashMap<>();
        List<String> unregistered = new ArrayList<>();
        for (Meter meter : MetricNames.ALL) {
            for (String service : meter.emittedBy().split(",\\s*")) {
                assertThat(MODULE)
                        .as("%s: emitted by an unknown service", meter.name())
                        .containsKey(service);
                String code = sources.computeIfAbsent(service, s -> mainSources(MODULE.get(s)));
                boolean used = constants.get(meter).stream().anyMatch(c -> code.contains("MetricNames." + c));
                if (!used) {
                    unregistered.add(meter.name() + " (" + constants.get(meter) + ") is not registered by " + service);
                }
            }
        }
        assertThat(unregistered).as("catalogued meters no service registers").isEmpty();
    }

    /** Each meter's constant names (one meter may have an alias). */
    private static Map<Meter, Set<String>> constants() {
        Map<Meter, Set<String>> names = new HashMap<>();
        for (Field f : MetricNames.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Meter.class) {
                try {
                    names.computeIfAbsent((Meter) f.get(null), m -> new TreeSet<>())
                            .add(f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    private static String mainSources(String module) {
        Path dir = RepoFiles.resolve(module + "/src/main/java");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
