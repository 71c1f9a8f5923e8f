package dev.nightshift.bench.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nightshift.core.codec.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's figures, printed twice: as an aligned table for people, then as one JSON object on the
 * last line for machines. Keys keep their insertion order; doubles are rounded to {@code decimals}.
 */
public final class Figures {
    private final String benchmark;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    public Figures(String benchmark) {
        this.benchmark = benchmark;
        values.put("benchmark", benchmark);
    }

    /** Adds a figure shown in the table as {@code label} and in the JSON as {@code key}. */
    public Figures add(String key, String label, Object value) {
        values.put(key, value instanceof Double d ? round(d) : value);
        labels.put(key, label);
        return this;
    }

    /** Adds a figure to the JSON only (e.g. a setting already shown elsewhere). */
    public Figures json(String key, Object value) {
        values.put(key, value instanceof Double d ? round(d) : value);
        return this;
    }

    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-48s %14s%n", benchmark, "value"));
        labels.forEach(
                (key, label) -> out.append(String.format(Locale.ROOT, "%-48s %14s%n", label, text(values.get(key)))));
        return out.toString();
    }

    public String jsonLine() {
        try {
            return Json.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("benchmark figures are not serialisable: " + e.getMessage(), e);
        }
    }

    /** Prints the table, then the JSON object as the very last line of stdout. */
    public void print() {
        System.out.print(table());
        System.out.println(jsonLine());
        System.out.flush();
    }

    private static double round(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return 0;
        }
        double scale = Math.abs(d) >= 100 ? 1 : 1000;
        return Math.round(d * scale) / scale;
    }

    private static String text(Object value) {
        return value instanceof Double d
                ? (Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.3f", d))
                : String.valueOf(value);
    }
}
