package dev.nightshift.simulator.reply;

import java.util.Locale;
import java.util.Map;

/** Language ids from file extensions and code-fence tags, and their display names. */
final class Languages {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", "java"),
            Map.entry("kt", "kotlin"),
            Map.entry("kts", "kotlin"),
            Map.entry("scala", "scala"),
            Map.entry("groovy", "groovy"),
            Map.entry("py", "python"),
            Map.entry("js", "javascript"),
            Map.entry("mjs", "javascript"),
            Map.entry("cjs", "javascript"),
            Map.entry("jsx", "javascript"),
            Map.entry("ts", "typescript"),
            Map.entry("tsx", "typescript"),
            Map.entry("go", "go"),
            Map.entry("rs", "rust"),
            Map.entry("rb", "ruby"),
            Map.entry("php", "php"),
            Map.entry("cs", "csharp"),
            Map.entry("c", "c"),
            Map.entry("h", "c"),
            Map.entry("cc", "cpp"),
            Map.entry("cpp", "cpp"),
            Map.entry("cxx", "cpp"),
            Map.entry("hpp", "cpp"),
            Map.entry("swift", "swift"),
            Map.entry("sh", "bash"),
            Map.entry("md", "markdown"),
            Map.entry("sql", "sql"),
            Map.entry("yaml", "yaml"),
            Map.entry("yml", "yaml"),
            Map.entry("json", "json"),
            Map.entry("xml", "xml"),
            Map.entry("html", "html"),
            Map.entry("css", "css"));
    private static final Map<String, String> ALIASES = Map.of(
            "py",
            "python",
            "js",
            "javascript",
            "ts",
            "typescript",
            "rs",
            "rust",
            "rb",
            "ruby",
            "kt",
            "kotlin",
            "c++",
            "cpp",
            "c#",
            "csharp",
            "sh",
            "bash",
            "golang",
            "go");
    private static final Map<String, String> DISPLAY = Map.ofEntries(
            Map.entry("java", "Java"),
            Map.entry("kotlin", "Kotlin"),
            Map.entry("scala", "Scala"),
            Map.entry("groovy", "Groovy"),
            Map.entry("python", "Python"),
            Map.entry("javascript", "JavaScript"),
            Map.entry("typescript", "TypeScript"),
            Map.entry("go", "Go"),
            Map.entry("rust", "Rust"),
            Map.entry("ruby", "Ruby"),
            Map.entry("php", "PHP"),
            Map.entry("csharp", "C#"),
            Map.entry("c", "C"),
            Map.entry("cpp", "C++"),
            Map.entry("swift", "Swift"),
            Map.entry("bash", "shell"));

    private Languages() {}

    static String fromPath(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot == path.length() - 1) {
            return null;
        }
        return BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static boolean knownExtension(String path) {
        return fromPath(path) != null;
    }

    static String fromFenceTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String t = tag.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(t, t);
    }

    /** Whether {@code id} is a canonical language id (not an alias such as {@code py}). */
    static boolean isKnown(String id) {
        return id != null && known().contains(id);
    }

    /** Every canonical language id. */
    static java.util.Set<String> known() {
        java.util.Set<String> ids = new java.util.HashSet<>(BY_EXTENSION.values());
        ids.addAll(DISPLAY.keySet());
        return ids;
    }

    static String display(String language) {
        return DISPLAY.getOrDefault(language, language);
    }
}
