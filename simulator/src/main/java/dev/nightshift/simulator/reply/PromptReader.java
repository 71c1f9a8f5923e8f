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
 * {@code Test file:}, {@code Test name:}, {@code Framework:}, {@code Import:}, {@code Libraries:}, {@code Part:}; for
 * docs {@code Level:}, {@code Public symbols:}, {@code Part:}, {@code Files:}, {@code Subfolders:}, {@code Modules:}),
 * then the code under test — or a folder's or repository's child documents — in the first fenced block, then
 * labelled blocks ({@code Outline of the whole file:}, {@code Whole source (for reference):}), then — in a repair
 * round — {@code Repair round N: … (verdict)} with the diagnostics and the previous test, or for docs
 * {@code Review round N: … (verdict)} with the findings and the previous document, each in a fenced block (fences
 * longer than three backticks when the content holds backticks). When that shape is there it is read to the letter.
 *
 * <p>Other prompts are read leniently, since the wording may change: the code is the longest fenced block,
 * the unit's path the first file-like token outside the code, and the chore follows the words around it.
 */
public final class PromptReader {
    private static final Pattern FENCE =
            Pattern.compile("(?ms)^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w+#.-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[`~]*[ \\t]*$");
    private static final Pattern HEADER = Pattern.compile(
            "(?m)^(Path|Language|Level|Public symbols|Files|Subfolders|Modules|Test file|Test name|Framework|Import|Libraries|Part):"
                    + "[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern REPAIR =
            Pattern.compile("(?m)^(?:Repair|Review) round (\\d+):[^\\n]*?(?:\\(([\\w-]+)\\))?[^\\n(]*$");
    private static final Pattern EXPLICIT_TASK = Pattern.compile("(?i)\\btask\\s*[:=]\\s*\"?(docs|tests)\\b");
    private static final Pattern PATH =
            Pattern.compile("(?<![\\w/.-])((?:[\\w.@+-]+/)*[\\w@+-][\\w.@+-]*\\.[A-Za-z0-9]{1,6})(?![\\w/])");
    private static final Pattern TEST_WORDS =
            Pattern.compile("(?i)\\b(unit[- ]tests?|tests?|testing|test suite|test cases?|junit|pytest|jest)\\b");
    private static final Pattern DOC_WORDS =
            Pattern.compile("(?i)\\b(document\\w*|docs|markdown|readme|explain\\w*|describe\\w*)\\b");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s+of\\s+(\\d+)");
    private static final Pattern TEST_FILES = Pattern.compile("(?m)^Test files here[^:\\n]*:[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern BUILD_FILE = Pattern.compile("(?m)^==> (.+?) <==[ \\t]*$");

    private PromptReader() {}

    private record Fence(int start, int end, String tag, String content) {}

    public static UnitPrompt read(String prompt) {
        String text = prompt == null ? "" : prompt;
        List<Fence> fences = fences(text);
        if (!fences.isEmpty()) {
            Map<String, String> headers =
                    headers(text.substring(0, fences.get(0).start()));
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
        String language =
                headers.containsKey("Language") ? headers.get("Language").trim().toLowerCase(Locale.ROOT) : null;
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
        } else if (headers.containsKey("Level") || head.contains("Document this file")) {
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
        int repairAt = text.length();
        Matcher r = REPAIR.matcher(text);
        if (r.find(code.end())) {
            repairAt = r.start();
            firstTry = text.substring(0, r.start());
            String diagnostics = null;
            String previous = null;
            for (Fence f : fences) {
                if (f.start() < r.end()) {
                    continue;
                }
                String before = text.substring(r.end(), f.start());
                String label = lastLabel(before);
                if (diagnostics == null && (label.startsWith("Diagnostics") || label.startsWith("Findings"))) {
                    diagnostics = f.content();
                } else if (previous == null && label.startsWith("Previous")) {
                    previous = f.content();
                }
            }
            repair = new RepairSpec(Integer.parseInt(r.group(1)), r.group(2), diagnostics, previous);
        }
        DocsSpec docs = null;
        // Only the hierarchy's prompts get level-shaped documents; other docs prompts keep the outline document.
        if (task == TaskType.DOCS && (headers.containsKey("Level") || head.contains("Document this file"))) {
            docs = docsSpec(headers, labelled(text, fences, code, repairAt), text.substring(code.end(), repairAt));
        }
        return new UnitPrompt(task, path, language, code.content(), test, repair, firstTry.stripTrailing(), docs);
    }

    /** The fenced blocks after the code and before any repair section, by the label on the line before each. */
    private static Map<String, String> labelled(String text, List<Fence> fences, Fence code, int end) {
        Map<String, String> out = new HashMap<>();
        int from = code.end();
        for (Fence f : fences) {
            if (f.start() < code.end() || f.start() >= end) {
                continue;
            }
            out.putIfAbsent(lastLabel(text.substring(from, f.start())), f.content());
            from = f.end();
        }
        return out;
    }

    /** @param after the prompt between the first block and any review: labelled blocks and lines such as the test files */
    private static DocsSpec docsSpec(Map<String, String> headers, Map<String, String> blocks, String after) {
        int[] part = part(headers);
        String outline = null;
        String whole = null;
        List<String> builds = new ArrayList<>();
        for (Map.Entry<String, String> b : blocks.entrySet()) {
            if (outline == null && b.getKey().startsWith("Outline")) {
                outline = b.getValue();
            } else if (whole == null && b.getKey().startsWith("Whole source")) {
                whole = b.getValue();
            } else if (b.getKey().startsWith("Build files")) {
                BUILD_FILE.matcher(b.getValue()).results().forEach(r -> builds.add(r.group(1)));
            }
        }
        String fenceless = FENCE.matcher(after).replaceAll("");
        Matcher tests = TEST_FILES.matcher(fenceless);
        return new DocsSpec(
                DocLevel.parse(headers.get("Level")),
                headers.containsKey("Public symbols") ? NameList.parse(headers.get("Public symbols")) : null,
                part[0],
                part[1],
                outline,
                NameList.parse(headers.get("Files")),
                NameList.parse(headers.get("Subfolders")),
                NameList.parse(headers.get("Modules")),
                whole,
                tests.find() ? NameList.parse(tests.group(1)) : List.of(),
                builds);
    }

    /** {@code Part: k of n} as {k, n}; {1, 1} for a prompt of a whole file. */
    private static int[] part(Map<String, String> headers) {
        if (headers.containsKey("Part")) {
            Matcher p = PART.matcher(headers.get("Part"));
            if (p.find()) {
                return new int[] {Integer.parseInt(p.group(1)), Integer.parseInt(p.group(2))};
            }
        }
        return new int[] {1, 1};
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
        int[] part = part(headers);
        String path = headers.get("Test file");
        String name = headers.get("Test name");
        return new TestSpec(
                path == null || path.isBlank() ? null : path.trim(),
                name == null || name.isBlank() ? null : name.trim(),
                framework,
                imports,
                libraries,
                part[0],
                part[1]);
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
        return new UnitPrompt(
                task(around),
                path == null ? "unit" : path,
                language == null ? "text" : language,
                code,
                null,
                null,
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
