package dev.nightshift.validator.runner.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightshift.validator.runner.FileLines;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node's built-in coverage ({@code NODE_V8_COVERAGE=dir}: every node process writes the V8 counts of the
 * scripts it ran) turned into covered lines.
 *
 * <p>V8 reports, per function, ranges of source offsets with execution counts: the function's own range,
 * then the ranges of its blocks whose count differs (an {@code else} never taken, the code after an early
 * {@code return}). The rule, the one c8 applies: ranges are applied outermost first, and a line takes the
 * count of the innermost range that holds the whole line (from its first token to the end of its last);
 * a line is covered when that count is positive. The script's own range (count 1 once loaded) covers
 * top-level code; a file no process loaded is wholly uncovered. Executable lines are the lines holding a
 * token (comments and blank lines do not count). Several processes (or several loads) are united: a line
 * is covered when any covered it. V8 reports block ranges only where counts differ, and only inside
 * functions that ran, so its branch data depends on what ran; no branch counts are derived from it.
 */
final class V8Coverage {
    record Range(int start, int end, int count) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private V8Coverage() {}

    /**
     * Adds the ranges of one V8 coverage file to {@code into}: per file of the checkout outside
     * {@code node_modules} (path relative to the checkout), one list of ranges per script load.
     */
    static void read(String json, Path checkout, Map<String, List<List<Range>>> into) throws IOException {
        for (JsonNode script : JSON.readTree(json).path("result")) {
            String url = script.path("url").asText();
            if (!url.startsWith("file:")) {
                continue;
            }
            Path file;
            try {
                file = Path.of(URI.create(url)).normalize();
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!file.startsWith(checkout)) {
                continue;
            }
            String relative = checkout.relativize(file).toString().replace('\\', '/');
            if (relative.startsWith("node_modules/") || relative.contains("/node_modules/")) {
                continue;
            }
            List<Range> ranges = new ArrayList<>();
            for (JsonNode function : script.path("functions")) {
                for (JsonNode r : function.path("ranges")) {
                    ranges.add(new Range(
                            r.path("startOffset").asInt(),
                            r.path("endOffset").asInt(),
                            r.path("count").asInt()));
                }
            }
            into.computeIfAbsent(relative, k -> new ArrayList<>()).add(ranges);
        }
    }

    /** The file's executable and covered lines under these script loads (none: a file nothing loaded). */
    static FileLines lines(String source, List<List<Range>> loads) {
        List<JsTokens.Token> tokens = JsTokens.of(source);
        int[] lineStarts = lineStarts(source);
        Map<Integer, int[]> bounds = new HashMap<>(); // line -> [first token start, last token end]
        for (JsTokens.Token t : tokens) {
            int line = lineOf(lineStarts, t.start());
            int lineEnd = line < lineStarts.length ? lineStarts[line] - 1 : source.length();
            int end = Math.min(t.end(), Math.max(lineEnd, t.start() + 1));
            bounds.merge(
                    line, new int[] {t.start(), end}, (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        Set<Integer> covered = new HashSet<>();
        for (List<Range> load : loads) {
            List<Range> ordered = new ArrayList<>(load);
            ordered.sort(Comparator.comparingInt(Range::start)
                    .thenComparing(Comparator.comparingInt(Range::end).reversed()));
            bounds.forEach((line, b) -> {
                int count = 0;
                for (Range r : ordered) {
                    if (r.start() <= b[0] && r.end() >= b[1]) {
                        count = r.count();
                    }
                }
                if (count > 0) {
                    covered.add(line);
                }
            });
        }
        return new FileLines(bounds.keySet(), covered, Set.of(), Set.of());
    }

    private static int[] lineStarts(String source) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of an offset. */
    private static int lineOf(int[] lineStarts, int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }
}
