package dev.nightshift.core.docs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reviews a document against what its model was given. Pure: the worker runs it on every reply, evaluations
 * run it again on stored documents.
 *
 * <p>Completeness: each public symbol of the target is mentioned by its simple name. Unknown names: a name written
 * as code ({@code `Cart.frobnicate()`}, {@code `PriceTable`}) outside fenced examples whose last identifier occurs
 * nowhere in the input — the model saw only that input, so such a name is invented or at least unverifiable. Only
 * names shaped like code symbols count (a call, a dotted reference, camelCase, PascalCase or snake_case); plain
 * words, file names, paths and commands do not, which keeps the check from flagging prose.
 */
public final class DocsChecker {
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)([^`\\n]+?)\\1");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern REFERENCE =
            Pattern.compile("[A-Za-z_$][\\w$]*(?:(?:\\.|::|#)[A-Za-z_$][\\w$]*)*(?:\\([^()]*\\))?");
    private static final Pattern CALLED = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern FILE_NAME =
            Pattern.compile(".*\\.(?i:java|py|js|mjs|cjs|ts|tsx|jsx|go|rb|rs|kt|cs|c|h|cpp|hpp"
                    + "|md|json|ya?ml|toml|xml|txt|cfg|ini|gradle|properties|sh|html|css|lock)$");
    private static final Set<String> LANGUAGE_WORDS = Set.of(
            "null",
            "nil",
            "None",
            "True",
            "False",
            "true",
            "false",
            "self",
            "this",
            "super",
            "undefined",
            "NaN",
            "void",
            "async",
            "await",
            "return",
            "new",
            "__init__",
            "__main__",
            "main",
            "toString",
            "hashCode",
            "equals",
            "Object",
            "String",
            "Exception",
            "RuntimeException",
            "Error",
            "TypeError",
            "ValueError",
            "KeyError",
            "IllegalArgumentException",
            "IllegalStateException",
            "NullPointerException",
            "Optional",
            "List",
            "Map",
            "Set",
            "Promise",
            "Array",
            "JSON",
            "console.log",
            "module.exports",
            "require");

    private DocsChecker() {}

    /**
     * @param target        the document's target (its level and the symbols it must cover)
     * @param input         everything the model was given about the code (source, outline, children's documents)
     * @param document      the reply, as it will be stored
     * @param truncated     whether the reply was still cut at the output limit
     * @param continuations follow-up calls made to complete it
     */
    public static DocsReview review(
            DocsTarget target, String input, String document, boolean truncated, int continuations) {
        Set<String> known = words(input);
        Set<String> documentWords = words(MarkdownCheck.withoutFencedBlocks(document));
        for (String symbol : target.symbols()) {
            known.addAll(words(symbol));
        }
        List<String> missing = new ArrayList<>();
        for (String symbol : target.symbols()) {
            if (!documentWords.contains(simpleName(symbol))) {
                missing.add(symbol);
            }
        }
        return new DocsReview(
                target.level(),
                target.symbols().size(),
                missing,
                unknownNames(document, known),
                MarkdownCheck.problems(document),
                truncated,
                continuations,
                document.length());
    }

    /** The code names of the document (outside fenced examples) that occur nowhere in what it was built from. */
    static List<String> unknownNames(String document, Set<String> known) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher spans = CODE_SPAN.matcher(MarkdownCheck.withoutFencedBlocks(document));
        while (spans.find()) {
            String span = spans.group(2).strip();
            String name = referencedName(span);
            if (name != null
                    && symbolShaped(span, name)
                    && !known.contains(name)
                    && !LANGUAGE_WORDS.contains(name)
                    && !LANGUAGE_WORDS.contains(span)) {
                unknown.add(span);
            }
        }
        return List.copyOf(unknown);
    }

    /**
     * The identifier a code span refers to: for a signature or call, the name before its parenthesis; for a
     * (dotted) reference, its last part; {@code null} for a file name, a path, a command or an expression.
     */
    static String referencedName(String span) {
        if (FILE_NAME.matcher(span).matches() || span.contains("/") || span.contains("\\")) {
            return null;
        }
        if (REFERENCE.matcher(span).matches()) {
            String head = span.contains("(") ? span.substring(0, span.indexOf('(')) : span;
            String[] parts = head.split("\\.|::|#");
            return parts[parts.length - 1];
        }
        // A signature ("public Money total()") names its function just before its first parenthesis; anything else
        // (an expression, a command line) is not one name.
        Matcher called = CALLED.matcher(span);
        return called.find() ? called.group(1) : null;
    }

    /** Shaped like a symbol rather than a word: a call, a dotted reference, or camel/Pascal/snake case. */
    private static boolean symbolShaped(String span, String name) {
        if (span.contains("(") || span.contains(".") || span.contains("::") || name.contains("_")) {
            return name.length() > 1;
        }
        boolean upperInside = false;
        for (int i = 1; i < name.length(); i++) {
            upperInside |= Character.isUpperCase(name.charAt(i));
        }
        boolean pascal = Character.isUpperCase(name.charAt(0)) && name.chars().anyMatch(Character::isLowerCase);
        return upperInside || pascal;
    }

    private static String simpleName(String symbol) {
        String head = symbol.contains("(") ? symbol.substring(0, symbol.indexOf('(')) : symbol;
        String[] parts = head.split("\\.|::|#");
        return parts[parts.length - 1].strip();
    }

    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
