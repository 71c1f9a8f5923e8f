package dev.nightshift.ingest.unit;

import dev.nightshift.ingest.filter.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The splitter for each language: JavaParser for Java, structural splitters for Kotlin, Python, JavaScript,
 * TypeScript, Go, Rust, C, C++, C#, Ruby and PHP; any other language is one whole-file unit.
 */
public final class UnitSplitters {
    private static final Pattern C_LEADING = Pattern.compile("^(?://|/\\*|\\*|@|#\\[|#!\\[|\\[[A-Z])");
    private static final Pattern NO_TRANSPARENT = null;

    private static final BraceSplitter.Syntax JAVA = syntax(
            "^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?<kind>class|interface|enum|record|@interface)\\s+(?<name>\\w+)",
            NO_TRANSPARENT,
            "^(?:package|import)\\s",
            false,
            false,
            true);
    private static final BraceSplitter.Syntax KOTLIN = syntax(
            "^(?:(?:public|private|internal|protected|open|abstract|sealed|data|inline|value|enum|annotation|inner|override"
                    + "|suspend|operator|infix|tailrec|external|expect|actual|const|lateinit|companion)\\s+)*"
                    + "(?<kind>class|interface|object|fun|val|var|typealias)\\s+(?:<[^>]*>\\s*)?(?:[\\w.<>?]+\\.)?(?<name>\\w+)",
            NO_TRANSPARENT,
            "^(?:package|import)\\s",
            false,
            false,
            true);
    /**
     * Declarations; anonymous default exports (named {@code default}); and functions, classes and objects assigned
     * to a property: {@code exports.f = …}, {@code module.exports = …}, {@code Foo.prototype.bar = function …},
     * {@code obj.name = (…) => …} — CommonJS modules and prototype-style classes are written that way.
     */
    private static final BraceSplitter.Syntax JAVASCRIPT = syntax(
            "^(?:export\\s+)?(?:default\\s+)?(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?"
                    + "(?<kind>function\\*?|class|interface|type|enum|namespace|const|let|var)\\s+(?!extends\\b)(?<name>[\\w$]+)"
                    + "|^export\\s+default\\s+(?:async\\s+)?(?<anonymous>function\\*?|class|\\(|\\{|[\\w$]+\\s*=>)"
                    + "|^(?<assigned>(?:module\\.)?exports(?:\\.[\\w$]+)?|[\\w$]+(?:\\.[\\w$]+)+)\\s*=\\s*"
                    + "(?<value>async\\b|function\\b|class\\b|\\{|\\([^)]*\\)\\s*(?::\\s*[^=]+)?=>|\\([^)]*$|[\\w$]+\\s*=>)",
            NO_TRANSPARENT,
            "^(?:import\\s|export\\s+\\*|export\\s+\\{[^}]*\\}\\s+from|(?:const|let|var)\\s+[^=]+=\\s*require\\()",
            true,
            true,
            false);

    private static final BraceSplitter.Syntax GO = syntax(
            "^(?<kind>func|type|var|const)\\s+(?:\\([^)]*\\)\\s*)?(?<name>\\w+)",
            NO_TRANSPARENT,
            "^(?:package|import)\\b",
            false,
            true,
            false);
    private static final BraceSplitter.Syntax RUST = syntax(
            "^(?:pub(?:\\([^)]*\\))?\\s+)?(?:(?:async|const|unsafe|default|extern(?:\\s+\"[^\"]*\")?)\\s+)*"
                    + "(?<kind>fn|struct|enum|trait|impl|mod|type|union|static|const|macro_rules!)\\s*(?:<[^{]*?>\\s*)?(?<name>[\\w:]+)",
            NO_TRANSPARENT,
            "^(?:use|extern\\s+crate|pub\\s+use)\\s",
            false,
            false,
            false);
    private static final BraceSplitter.Syntax C = syntax(
            "^(?:(?:typedef\\s+)?(?<kind>struct|union|enum|class)\\s+(?<name>\\w+)(?!.*;\\s*$)"
                    + "|(?:template\\s*<[^>]*>\\s*)?(?!(?:if|for|while|switch|return|else|do|case|typedef)\\b)"
                    + "[\\w:<>,*&~\\s]*?\\b(?<fname>[A-Za-z_~][\\w:~]*)\\s*\\((?!.*;\\s*$).*$)",
            Pattern.compile("^(?:inline\\s+)?namespace\\b[^;]*$|^extern\\s+\"C\"\\s*\\{?\\s*$"),
            "^#\\s*(?:include|import)\\b|^using\\s",
            false,
            false,
            false);
    private static final BraceSplitter.Syntax CSHARP = syntax(
            "^(?:\\[[^\\]]*\\]\\s*)*(?:(?:public|private|protected|internal|static|sealed|abstract|partial|readonly|unsafe|new|file|ref)\\s+)*"
                    + "(?<kind>class|interface|struct|enum|record|delegate)\\s+(?:struct\\s+|class\\s+)?(?<name>\\w+)",
            Pattern.compile("^namespace\\s+[\\w.]+\\s*\\{?\\s*$"),
            "^(?:using\\s|global\\s+using\\s)",
            false,
            false,
            true);
    private static final BraceSplitter.Syntax PHP = syntax(
            "^(?:(?:abstract|final|readonly)\\s+)*(?<kind>class|interface|trait|enum|function)\\s+&?(?<name>\\w+)",
            NO_TRANSPARENT,
            "^(?:namespace|use|require|require_once|include|include_once)\\b",
            true,
            false,
            false);

    private static final UnitSplitter WHOLE_FILE = UnitSplitters::wholeFile;
    private static final UnitSplitter JAVA_STRUCTURAL = new BraceSplitter(JAVA);
    private static final Map<String, UnitSplitter> BY_LANGUAGE = Map.ofEntries(
            Map.entry("java", new JavaUnits(new BraceSplitter(JAVA))),
            Map.entry("kotlin", new BraceSplitter(KOTLIN)),
            Map.entry("javascript", new BraceSplitter(JAVASCRIPT)),
            Map.entry("typescript", new BraceSplitter(JAVASCRIPT)),
            Map.entry("go", new BraceSplitter(GO)),
            Map.entry("rust", new BraceSplitter(RUST)),
            Map.entry("c", new BraceSplitter(C)),
            Map.entry("cpp", new BraceSplitter(C)),
            Map.entry("csharp", new BraceSplitter(CSHARP)),
            Map.entry("php", new BraceSplitter(PHP)),
            Map.entry("python", new IndentSplitter()),
            Map.entry("ruby", new EndSplitter()));

    private UnitSplitters() {}

    public static FileUnits split(SourceFile file) {
        return BY_LANGUAGE.getOrDefault(file.language(), WHOLE_FILE).split(file);
    }

    /**
     * As {@link #split}, but structural for Java too: names, kinds and line ranges of top-level types
     * without members. For summaries of every file, where JavaParser would cost several times the
     * tokenizer per file.
     */
    public static FileUnits splitStructurally(SourceFile file) {
        return file.language().equals("java") ? JAVA_STRUCTURAL.split(file) : split(file);
    }

    /** Whether a language has a splitter that finds units (others are whole files). */
    public static boolean splits(String language) {
        return BY_LANGUAGE.containsKey(language);
    }

    private static FileUnits wholeFile(SourceFile file) {
        Lines lines = new Lines(file.text());
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        Unit whole = new Unit(name, "file", 1, Math.max(1, lines.count()), file.text(), name, List.of(), false);
        return new FileUnits(file.path(), file.language(), "", List.of(whole), false);
    }

    private static BraceSplitter.Syntax syntax(
            String declaration,
            Pattern transparent,
            String header,
            boolean quoteStrings,
            boolean backticks,
            boolean tripleQuotes) {
        return new BraceSplitter.Syntax(
                Pattern.compile(declaration),
                transparent,
                C_LEADING,
                Pattern.compile(header),
                quoteStrings,
                backticks,
                tripleQuotes);
    }
}
