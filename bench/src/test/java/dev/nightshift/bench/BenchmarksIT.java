package dev.nightshift.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Each benchmark, at a tiny size, ends its output with one JSON object holding the figures it is measured by. */
class BenchmarksIT {
    @Test
    void theLedgerBenchmarkEndsWithItsFiguresAsJson() throws Exception {
        JsonNode figures = lastLineOf("ledger", "3000", "250");
        assertThat(figures.fieldNames()).toIterable().contains("ratio", "entriesPerSecond", "queryP50Ms", "queryP99Ms");
        assertThat(figures.get("entries").asInt()).isEqualTo(3000);
        assertThat(figures.get("ratio").asDouble()).isPositive();
    }

    @Test
    void theIngestBenchmarkEndsWithItsFiguresAsJson() throws Exception {
        JsonNode figures = lastLineOf("ingest", "80", "160", "none");
        assertThat(figures.fieldNames())
                .toIterable()
                .contains("ratio", "filesPerSecond", "mbPerSecond", "peakHeapMbSmall", "peakHeapMbLarge");
        assertThat(figures.get("largeFiles").asInt()).isEqualTo(160);
        assertThat(figures.get("filesPerSecond").asDouble()).isPositive();
    }

    @Test
    void everyBenchmarkIsRegisteredUnderADistinctName() {
        assertThat(ServiceLoader.load(Benchmark.class).stream().map(p -> p.get().name()))
                .contains("ledger", "ingest", "dispatch", "quota", "validate")
                .doesNotHaveDuplicates();
    }

    private static JsonNode lastLineOf(String name, String... args) throws Exception {
        Benchmark benchmark = ServiceLoader.load(Benchmark.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(b -> b.name().equals(name))
                .findFirst()
                .orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            benchmark.run(args);
        } finally {
            System.setOut(original);
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return Json.mapper().readTree(lines[lines.length - 1]);
    }
}
