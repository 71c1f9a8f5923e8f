package dev.nightshift.sink.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One chart as the page's script draws it with Chart.js. Kept as data (embedded as JSON) rather than as
 * JavaScript, so nothing from a run ever becomes code.
 *
 * @param id      names the chart's canvas ({@code chart-<id>}); the script keeps each Chart.js instance under it
 * @param kind    {@code bar} (categories × series), {@code timeline} ({x: epoch ms, y} points, two value axes),
 *                {@code interval} (a floating bar per category from low to high, and a point series), {@code scatter}
 * @param xFormat how values on the x axis read: {@code usd}, {@code percent}, {@code count}, {@code time}, or
 *                {@code null} for categories
 * @param yFormat the same for the y axis; a series on the second axis ({@code y2}) reads as {@code y2Format}
 */
record ChartSpec(
        String id,
        String kind,
        String title,
        List<String> labels,
        List<Series> series,
        String xFormat,
        String yFormat,
        String y2Format,
        String xTitle,
        String yTitle,
        String y2Title) {
    ChartSpec {
        Objects.requireNonNull(id, "id");
        labels = labels == null ? List.of() : List.copyOf(labels);
        series = List.copyOf(series);
    }

    /** Categories on x, one bar per category and series, values on y. */
    static ChartSpec bar(
            String id, String title, List<String> labels, List<Series> series, String yFormat, String yTitle) {
        return new ChartSpec(id, "bar", title, labels, series, null, yFormat, null, null, yTitle, null);
    }

    /**
     * One data set of a chart. {@code data} holds numbers (or {@code null} for a gap) for categories, {@link Point}s
     * for timelines and scatter charts, and two-number lists ({@code [low, high]}) for the floating bars of an
     * interval chart.
     *
     * @param axis {@code y2} to read on the second value axis; {@code null} for the first
     * @param type {@code point} for a series drawn as points over an interval chart's bars; {@code null} otherwise
     */
    record Series(String label, List<?> data, String axis, String type) {
        Series {
            // a copy that keeps nulls: a gap in a series is data too
            data = Collections.unmodifiableList(new ArrayList<>(data));
        }

        static Series of(String label, List<?> data) {
            return new Series(label, data, null, null);
        }
    }

    /** A point of a timeline or a scatter chart. */
    record Point(double x, double y) {}

    /** Whether any series holds a value to draw: a chart without one is not drawn, its section says so instead. */
    boolean hasData() {
        return series.stream().anyMatch(s -> s.data().stream().anyMatch(Objects::nonNull));
    }
}
