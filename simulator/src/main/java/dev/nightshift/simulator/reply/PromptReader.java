package dev.nightshift.simulator.reply;

import dev.nightshift.core.job.TaskType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out from prompt text which unit is meant and what is asked.
 *
 * <p>The worker's prompts have a shape: header lines ({@code Path:}, {@code Language:}, for tests
 * {@code Test file:}, {@code Test name:}, {@code Framework:}, {@code Import:}, {@code Libraries:}, {@code Part:}),
 * then the code under test in the first fenced block, then — in a repair round — {@code Repair round N: … (verdict)},
 * the diagnostics and the previous test, each in a fenced block (fences longer than three backticks when the
 * content holds backticks). When that shape is there it is read to the letter.
 *
 * <p>Other prompts are read leniently, since the wording may change: the code is the longest fenced block,
 * the unit's path the first file-like token outside the code, and the chore follows the words around it.
 */
public final class PromptReader {
    private static final Pattern FENCE = Pattern.compile(
            "(?ms)^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w+#.-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[`~]*[ \\t]*$");
    private static final Pattern HEADER = Pattern.compile(
            "(?m)^(Path|Language|Test file|Test name|Framework|Import|Libraries|Part):[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern REPAIR = Pattern.compile("(?m)^Repair round (\\d+):[^\\n]*?(?:\\(([\\w-]+)\\))?[^\\n(]*$");
    private static final Pattern EXPLICIT_TASK = Pattern.compile("(?i)\\btask\\s*[:=]\\s*\"?(docs|tests)\\b");
    private static final Pattern PATH = Pattern.compile("(?<![\\w/.-])((?:[\\w.@+-]+/)*[\\w@+-][\\w.@+-]*\\.[A-Za-z0-9]{1,6})(?![\\w/])");
    private static final Pattern TEST_WORDS = Pattern.compile("(?i)\\b(unit[- ]tests?|tests?|testing|test suite|test cases?|junit|pytest|jest)\\b");
    private static final Pattern DOC_WORDS = Pattern.compile("(?i)\\b(document\\w*|docs|markdown|readme|explain\\w*|describe\\w*)\\b");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s+of\\s+(\\d+)");

    private PromptReader() {
    }

    private record Fence(int start, int end, String tag, String content) {
    }

    public static UnitPrompt read(String prompt) {
        String text = prompt == null ? "" : prompt;
        List<Fence> fences = fences(text);
        if (!fences.isEmpty()) {
            Map<String, String> headers = headers(text.substring(0, fences.get(0).start()));
            if (headers.containsKey("Path")) {
                return structured(text, fences, headers);
            }
        }
        return lenient(text, fences);
    }

    private static List<Fence> fences(String text) {
        List<Fence> out = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            out.add(new Fence(m.start(), m.end(), m.group(2), m.group(3)));
        }
        return out;
    }

    /** The header lines, the last of each name winning (the system text comes first). */
    private static Map<String, String> headers(String head) {
        Map<String, String> out = new HashMap<>();
        Matcher m = HEADER.matcher(head);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static UnitPrompt structured(String text, List<Fence> fences, Map<String, String> headers) {
        Fence code = fences.get(0);
        String head = text.substring(0, code.start());
        String path = headers.get("Path").trim();
        String language = headers.containsKey("Language") ? headers.get("Language").trim().toLowerCase(Locale.ROOT) : null;
        if (language == null || language.isEmpty() || language.equals("text")) {
            String fromTag = Languages.fromFenceTag(code.tag());
            language = fromTag != null ? fromTag : Languages.fromPath(path.replaceAll("#.*$", ""));
        }
        if (language == null) {
            language = "text";
        }
        TaskType task;
        if (headers.containsKey("Test name") || headers.containsKey("Framework") || head.contains("Write unit tests")) {
            task = TaskType.TESTS;
        } else if (head.contains("Document this file")) {
            task = TaskType.DOCS;
        } else {
            task = task(head);
        }
        TestSpec test = null;
        if (task == TaskType.TESTS) {
            test = testSpec(headers);
        }
        RepairSpec repair = null;
        String firstTry = text;
        Matcher r = REPAIR.matcher(text);
        if (r.find(code.end())) {
            firstTry = text.substring(0, r.start());
            String diagnostics = null;
            String previous = null;
            for (Fence f : fences) {
                if (f.start() < r.end()) {
                    continue;
                }
                String before = text.substring(r.end(), f.start());
                String label = lastLabel(before);
                if (diagnostics == null && label.startsWith("Diagnostics")) {
                    diagnostics = f.content();
                } else if (previous == null && label.startsWith("Previous test")) {
                    previous = f.content();
                }
            }
            repair = new RepairSpec(Integer.parseInt(r.group(1)), r.group(2), diagnostics, previous);
        }
        return new UnitPrompt(task, path, language, code.content(), test, repair, firstTry.stripTrailing());
    }

    /** The last non-blank line before a fence, e.g. {@code Diagnostics:}. */
    private static String lastLabel(String before) {
        String[] lines = before.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].trim();
            }
        }
        return "";
    }

    private static TestSpec testSpec(Map<String, String> headers) {
        String framework = headers.get("Framework");
        if (framework != null) {
            framework = framework.trim().split("[\\s]+", 2)[0].toLowerCase(Locale.ROOT);
            if (framework.isEmpty()) {
                framework = null;
            }
        }
        String imports = headers.get("Import");
        if (imports != null) {
            imports = imports.trim();
            Matcher pkg = Pattern.compile("^package\\s+([\\w.]+)\\b.*$").matcher(imports);
            if (pkg.matches()) {
                imports = "package " + pkg.group(1);
            }
            if (imports.isEmpty()) {
                imports = null;
            }
        }
        List<String> libraries = new ArrayList<>();
        String libs = headers.get("Libraries");
        if (libs != null && !libs.toLowerCase(Locale.ROOT).startsWith("none")) {
            for (String l : libs.split(",")) {
                if (!l.isBlank()) {
                    libraries.add(l.trim());
                }
            }
        }
        int part = 1;
        int parts = 1;
        if (headers.containsKey("Part")) {
            Matcher p = PART.matcher(headers.get("Part"));
            if (p.find()) {
                part = Integer.parseInt(p.group(1));
                parts = Integer.parseInt(p.group(2));
            }
        }
        String path = headers.get("Test file");
        String name = headers.get("Test name");
        return new TestSpec(path == null || path.isBlank() ? null : path.trim(), name == null || name.isBlank() ? null : name.trim(),
                framework, imports, libraries, part, parts);
    }

    private static UnitPrompt lenient(String text, List<Fence> fences) {
        String code = null;
        String tag = null;
        StringBuilder outside = new StringBuilder();
        int last = 0;
        for (Fence f : fences) {
            outside.append(text, last, f.start()).append('\n');
            last = f.end();
            if (code == null || f.content().length() > code.length()) {
                code = f.content();
                tag = f.tag();
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
        return new UnitPrompt(task(around), path == null ? "unit" : path, language == null ? "text" : language, code, null, null,
                text.stripTrailing());
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
