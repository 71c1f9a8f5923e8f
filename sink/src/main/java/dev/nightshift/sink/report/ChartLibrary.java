package dev.nightshift.sink.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chart.js, read from its WebJar on the classpath and inlined into every report page, so a page opens anywhere
 * without a network. Read once; the version is the WebJar's own, so upgrading is a change of the Maven version alone.
 */
final class ChartLibrary {
    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    /** The source map is not shipped: a browser's developer tools would otherwise try to fetch it. */
    private static final Pattern SOURCE_MAP = Pattern.compile("(?m)^//# sourceMappingURL=.*$");

    private static final Pattern SCRIPT_END = Pattern.compile("(?i)</script");

    private static volatile ChartLibrary loaded;

    private final String version;
    private final String script;

    private ChartLibrary(String version, String script) {
        this.version = version;
        this.script = script;
    }

    static ChartLibrary get() {
        ChartLibrary library = loaded;
        if (library == null) {
            library = load();
            loaded = library;
        }
        return library;
    }

    String version() {
        return version;
    }

    /** The library's code, safe to place between {@code <script>} tags. */
    String script() {
        return script;
    }

    private static ChartLibrary load() {
        Properties pom = new Properties();
        try (InputStream in = resource(POM_PROPERTIES)) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
        }
        String version = pom.getProperty("version");
        String path = String.format("META-INF/resources/webjars/chart.js/%s/dist/chart.umd.min.js", version);
        String code;
        try (InputStream in = resource(path)) {
            code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        code = SOURCE_MAP.matcher(code).replaceAll("");
        // "<\/script" means the same inside a string, a regular expression or a comment, and cannot end the element.
        code = SCRIPT_END
                .matcher(code)
                .replaceAll(m -> Matcher.quoteReplacement("<\\/" + m.group().substring(2)));
        return new ChartLibrary(version, code);
    }

    private static InputStream resource(String path) {
        InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Chart.js is missing from the classpath (" + path
                    + "); the sink needs its org.webjars.npm:chart.js dependency to draw reports");
        }
        return in;
    }
}
