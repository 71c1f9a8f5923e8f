package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds top-level classes and functions by regular expression, line by line. Deliberately shallow (no
 * parser per language): the simulator only needs a plausible outline, and the regexes are per language
 * family with a generic fallback.
 */
public final class CodeOutline {
    private record Rule(Pattern pattern, String fixedKind) {
        String kind(Matcher m) {
            return fixedKind != null
                    ? fixedKind
                    : m.group("kind").replace("async ", "").trim();
        }
    }

    private static final String JVM_MODS =
            "(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|open|data|internal|inline|value|strictfp)\\s+)*";
    private static final List<Rule> JVM = List.of(
            rule(
                    "^" + JVM_MODS
                            + "(?<kind>class|interface|enum|record|object|@interface|trait)\\s+(?<name>[A-Za-z_]\\w*)",
                    null),
            rule(
                    "^(?: {2,4}|\\t)(?:@\\w+\\s+)*(?:(?:public|protected|static|final|abstract|synchronized|default|override|suspend|open)\\s+)+"
                            + "(?:<[^>]+>\\s+)?(?!class\\b|interface\\b|enum\\b|record\\b|new\\b|return\\b)[\\w<>\\[\\],.?]+(?:\\s+[\\w<>\\[\\],.?]+)*?\\s+(?<name>[a-zA-Z_]\\w*)\\s*\\(",
                    "method"),
            rule(
                    "^(?: {0,4}|\\t)(?:(?:public|private|internal|override|suspend|inline)\\s+)*fun\\s+(?:<[^>]+>\\s+)?(?:\\w+\\.)?(?<name>\\w+)\\s*\\(",
                    "function"));
    private static final List<Rule> PYTHON = List.of(
            rule("^(?<kind>class)\\s+(?<name>\\w+)", null),
            rule("^(?:async\\s+)?def\\s+(?<name>\\w+)\\s*\\(", "function"),
            rule("^(?: {4}|\\t)(?:async\\s+)?def\\s+(?<name>\\w+)\\s*\\(", "method"));
    private static final List<Rule> SCRIPT = List.of(
            rule(
                    "^(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?(?<kind>class|interface|enum|type)\\s+(?<name>[A-Za-z_$][\\w$]*)",
                    null),
            rule(
                    "^(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?function\\*?\\s+(?<name>[A-Za-z_$][\\w$]*)",
                    "function"),
            rule(
                    "^(?:export\\s+)?(?:const|let|var)\\s+(?<name>[A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*(?::[^=]+)?=>|[A-Za-z_$][\\w$]*\\s*=>)",
                    "function"),
            rule(
                    "^(?:module\\.)?exports\\.(?<name>[A-Za-z_$][\\w$]*)\\s*=\\s*(?:async\\s+)?(?:function|\\()",
                    "function"));
    private static final List<Rule> GO = List.of(
            rule("^type\\s+(?<name>\\w+)\\s+(?<kind>struct|interface)", null),
            rule("^func\\s+(?:\\([^)]*\\)\\s*)?(?<name>\\w+)\\s*[\\[(]", "function"));
    private static final List<Rule> RUST = List.of(
            rule("^(?:pub(?:\\([^)]*\\))?\\s+)?(?<kind>struct|enum|trait)\\s+(?<name>\\w+)", null),
            rule(
                    "^(?:pub(?:\\([^)]*\\))?\\s+)?(?:const\\s+)?(?:async\\s+)?(?:unsafe\\s+)?fn\\s+(?<name>\\w+)",
                    "function"),
            rule("^(?: {4}|\\t)(?:pub(?:\\([^)]*\\))?\\s+)?(?:async\\s+)?fn\\s+(?<name>\\w+)", "method"));
    private static final List<Rule> RUBY = List.of(
            rule("^(?<kind>class|module)\\s+(?<name>[\\w:]+)", null),
            rule("^(?: {0,2})def\\s+(?<name>[\\w.?!=]+)", "method"));
    private static final List<Rule> C_FAMILY = List.of(
            rule("^(?:typedef\\s+)?(?<kind>class|struct|enum|union|namespace)\\s+(?<name>\\w+)\\s*(?:[:{]|$)", null),
            rule(
                    "^(?!(?:if|for|while|switch|return|else|typedef)\\b)[A-Za-z_][\\w:<>,*&\\s]*?[\\s*&](?<name>[A-Za-z_][\\w:~]*)\\s*\\([^;]*\\)\\s*(?:const\\s*)?\\{?\\s*$",
                    "function"));
    private static final List<Rule> PHP = List.of(
            rule("^\\s*(?:abstract\\s+|final\\s+)?(?<kind>class|interface|trait|enum)\\s+(?<name>\\w+)", null),
            rule(
                    "^\\s*(?:(?:public|protected|private|static|abstract|final)\\s+)*function\\s+(?<name>\\w+)",
                    "function"));
    private static final List<Rule> GENERIC = List.of(
            rule(
                    "^\\s{0,4}(?:export\\s+|pub\\s+|public\\s+)?(?<kind>class|struct|interface|module|trait)\\s+(?<name>\\w+)",
                    null),
            rule(
                    "^\\s{0,4}(?:export\\s+|pub\\s+|public\\s+)?(?:async\\s+)?(?:def|function|func|fn|fun|sub|proc)\\s+(?<name>\\w+)",
                    "function"));

    /** Longer lines are skipped: no declaration is that long, and backtracking over them is slow. */
    private static final int MAX_DECLARATION_LINE = 400;

    private CodeOutline() {}

    public static List<Declaration> declarations(String code, String language) {
        List<Rule> rules = rules(language);
        List<Declaration> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String[] lines = code.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].length() > MAX_DECLARATION_LINE) {
                continue; // minified or generated text declares nothing worth outlining, and regexes crawl on it
            }
            for (Rule rule : rules) {
                Matcher m = rule.pattern().matcher(lines[i]);
                if (m.find()) {
                    String kind = rule.kind(m);
                    String name = m.group("name");
                    if (seen.add(kind + " " + name)) {
                        found.add(new Declaration(kind, name, lines[i].trim(), i + 1));
                    }
                    break;
                }
            }
        }
        return found;
    }

    private static List<Rule> rules(String language) {
        return switch (language) {
            case "java", "kotlin", "scala", "groovy", "csharp", "swift" -> JVM;
            case "python" -> PYTHON;
            case "javascript", "typescript" -> SCRIPT;
            case "go" -> GO;
            case "rust" -> RUST;
            case "ruby" -> RUBY;
            case "c", "cpp" -> C_FAMILY;
            case "php" -> PHP;
            default -> GENERIC;
        };
    }

    private static Rule rule(String regex, String kind) {
        return new Rule(Pattern.compile(regex), kind);
    }
}
