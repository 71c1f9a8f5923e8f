package dev.nightshift.sink.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The report pages' own style sheet and chart script, kept as resources beside this class and read once. */
final class PageAssets {
    static final String STYLE = read("report.css");
    static final String CHART_SCRIPT = read("charts.js");

    private PageAssets() {}

    private static String read(String name) {
        try (InputStream in = PageAssets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from the sink's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's " + name, e);
        }
    }
}
