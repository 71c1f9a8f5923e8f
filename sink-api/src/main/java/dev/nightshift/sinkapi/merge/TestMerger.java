package dev.nightshift.sinkapi.merge;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Merges the validated tests of the parts of one split unit (the jobs that share a {@code TestTarget.mergeInto()})
 * into the single file they end in: part 1 — or the lowest part that passed — is the base and keeps its
 * class/module name; each later part's imports are added (those already there are not repeated), and its test
 * methods, functions or cases are appended, renamed with a part suffix where their name is already taken
 * ({@code greets} → {@code greetsPart2} in Java, Go and JavaScript, {@code test_greets} → {@code test_greets_part2}
 * in Python; a JavaScript test title {@code 'greets'} → {@code 'greets (part 2)'}); a member identical to one
 * already there is not repeated.
 *
 * <p>Java goes through JavaParser; Python, JavaScript/TypeScript and Go are cut into top-level statements by
 * {@link Source}. Other languages are not merged ({@link #supports}).
 */
public final class TestMerger {
    /** One part's test: its number, the path it was validated at, and its text. */
    public record Part(int part, String path, String text) {}

    /** A language's way of merging. */
    interface Language {
        String merge(String mergeInto, List<Part> parts);
    }

    private TestMerger() {}

    /** Whether tests written to {@code mergeInto} can be merged (Java, Python, JavaScript/TypeScript, Go). */
    public static boolean supports(String mergeInto) {
        return language(mergeInto).isPresent();
    }

    /**
     * The parts merged into one file's text, base first. One part is returned as it is (a Java class whose public
     * name differs from the file's gets the file's name, as Java demands).
     *
     * @throws MergeException when a part cannot be read as its language, or the language is not supported
     */
    public static String merge(String mergeInto, List<Part> parts) {
        if (parts.isEmpty()) {
            throw new MergeException("nothing to merge into " + mergeInto);
        }
        List<Part> ordered =
                parts.stream().sorted(Comparator.comparingInt(Part::part)).toList();
        Language language = language(mergeInto)
                .orElseThrow(
                        () -> new MergeException("tests in " + mergeInto + " cannot be merged: unsupported language"));
        if (ordered.size() == 1 && !(language instanceof JavaTestMerge)) {
            return ordered.get(0).text();
        }
        return language.merge(mergeInto, ordered);
    }

    private static Optional<Language> language(String path) {
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (ext) {
            case "java" -> Optional.of(new JavaTestMerge());
            case "py" -> Optional.of(new PythonTestMerge());
            case "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts" -> Optional.of(new JavaScriptTestMerge());
            case "go" -> Optional.of(new GoTestMerge());
            default -> Optional.empty();
        };
    }

    /** {@code name} + suffix, made unique against {@code taken}. */
    static String unique(String name, String suffix, java.util.Set<String> taken) {
        String candidate = name + suffix;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = name + suffix + "_" + i;
        }
        return candidate;
    }
}
