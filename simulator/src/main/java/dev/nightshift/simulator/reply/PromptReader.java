package dev.nightshift.simulator.reply;

import dev.nightshift.core.job.TaskType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out from free prompt text which unit is meant and what is asked. Lenient on purpose: the
 * worker's prompt wording may change, so this looks for the code in the longest fenced block, the unit's
 * path as the first file-like token outside the code, and the chore from the words around the code.
 */
public final class PromptReader {
    private static final Pattern FENCE = Pattern.compile(
            "(?ms)^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w+#.-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[`~]*[ \\t]*$");
    private static final Pattern EXPLICIT_TASK = Pattern.compile("(?i)\\btask\\s*[:=]\\s*\"?(docs|tests)\\b");
    private static final Pattern PATH = Pattern.compile("(?<![\\w/.-])((?:[\\w.@+-]+/)*[\\w@+-][\\w.@+-]*\\.[A-Za-z0-9]{1,6})(?![\\w/])");
    private static final Pattern TEST_WORDS = Pattern.compile("(?i)\\b(unit[- ]tests?|tests?|testing|test suite|test cases?|junit|pytest|jest)\\b");
    private static final Pattern DOC_WORDS = Pattern.compile("(?i)\\b(document\\w*|docs|markdown|readme|explain\\w*|describe\\w*)\\b");

    private PromptReader() {
    }

    public static UnitPrompt read(String prompt) {
        String text = prompt == null ? "" : prompt;
        Matcher fences = FENCE.matcher(text);
        String code = null;
        String tag = null;
        StringBuilder outside = new StringBuilder();
        int last = 0;
        while (fences.find()) {
            outside.append(text, last, fences.start()).append('\n');
            last = fences.end();
            if (code == null || fences.group(3).length() > code.length()) {
                code = fences.group(3);
                tag = fences.group(2);
            }
        }
        outside.append(text.substring(last));
        String around = outside.toString();
        if (code == null) {
            code = text;
        }
        String path = findPath(around);
        String language = Languages.fromFenceTag(tag);
        if (language == null && path != null) {
            language = Languages.fromPath(path);
        }
        return new UnitPrompt(task(around), path == null ? "unit" : path, language == null ? "text" : language, code);
    }

    private static TaskType task(String around) {
        Matcher explicit = EXPLICIT_TASK.matcher(around);
        if (explicit.find()) {
            return TaskType.parse(explicit.group(1).toLowerCase(Locale.ROOT));
        }
        long tests = TEST_WORDS.matcher(around).results().count();
        long docs = DOC_WORDS.matcher(around).results().count();
        return tests > docs ? TaskType.TESTS : TaskType.DOCS;
    }

    /** A path with a known source extension wins over any other dotted token (e.g. "v1.2" or "e.g."). */
    private static String findPath(String around) {
        String fallback = null;
        Matcher m = PATH.matcher(around);
        while (m.find()) {
            String candidate = m.group(1).replaceAll("[.]+$", "");
            if (Languages.knownExtension(candidate)) {
                return candidate;
            }
            if (fallback == null && candidate.contains("/")) {
                fallback = candidate;
            }
        }
        return fallback;
    }
}
