package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The example of a file document's Usage section: each type obtained once, then each callable called with
 * arguments named after its parameters, in the file's language. It uses only the names it is given, so the
 * example names nothing the code does not have.
 */
final class UsageExample {
    private static final Set<String> RESERVED = Set.of(
            "class",
            "new",
            "default",
            "function",
            "var",
            "let",
            "const",
            "enum",
            "interface",
            "object",
            "type",
            "package",
            "import",
            "return",
            "this",
            "self",
            "string",
            "int",
            "map",
            "list",
            "set");
    private static final Set<String> RECEIVERS_ONLY = Set.of("self", "cls", "this", "&self", "&mut self", "mut self");

    private UsageExample() {}

    /** The example's lines, without the fence. */
    static List<String> lines(String language, String fileName, List<ApiEntry> entries) {
        Syntax syntax = Syntax.of(language);
        List<String> out = new ArrayList<>();
        Set<String> obtained = new LinkedHashSet<>();
        for (ApiEntry e : entries) {
            if (e.type()) {
                obtain(syntax, e.name(), obtained, out);
            }
        }
        for (ApiEntry e : entries) {
            if (!e.callable()) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (String p : e.params()) {
                String a = argument(p, syntax);
                if (a != null) {
                    args.add(syntax.variable(a));
                }
            }
            String call;
            if (e.owner() != null && ApiEntry.looksLikeType(lastSegment(e.owner()))) {
                String receiver = obtain(syntax, lastSegment(e.owner()), obtained, out);
                call = syntax.member(syntax.variable(receiver), e.name(), args);
            } else {
                call = (e.owner() == null ? "" : e.owner() + ".") + e.name() + "(" + String.join(", ", args) + ")";
            }
            out.add(call + syntax.end());
        }
        if (out.isEmpty()) {
            out.add(syntax.comment() + " " + fileName + " has nothing to call directly; other code reads it as it is.");
        }
        return out;
    }

    /** Declares a variable for the type once; returns the variable's bare name. */
    private static String obtain(Syntax syntax, String type, Set<String> obtained, List<String> out) {
        String var = variableFor(type);
        if (obtained.add(type)) {
            out.add(syntax.obtain(type, var));
        }
        return var;
    }

    private static String lastSegment(String owner) {
        int dot = Math.max(owner.lastIndexOf('.'), owner.lastIndexOf(':'));
        return owner.substring(dot + 1);
    }

    /** {@code Cart} → {@code cart}; a reserved word gets a suffix. */
    static String variableFor(String type) {
        String bare = type.replaceAll("[^A-Za-z0-9_]", "");
        if (bare.isEmpty()) {
            return "value";
        }
        String v = Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
        return RESERVED.contains(v) ? v + "Value" : v;
    }

    /** An argument's name from a parameter as written ({@code Item item}, {@code name: string}, {@code sep='-'}); null for a receiver. */
    static String argument(String param, Syntax syntax) {
        String p = param.replaceAll("=.*$", "").replace("...", "").trim();
        if (RECEIVERS_ONLY.contains(p)) {
            return null;
        }
        String[] typed = p.split("(?<!:):(?!:)", 2);
        if (typed.length == 2) {
            p = typed[0].trim();
        }
        List<String> tokens = new ArrayList<>();
        for (String t : p.split("\\s+")) {
            String clean = t.replaceAll("[*&\\[\\]$?]", "").replaceAll("<.*", "");
            if (!clean.isEmpty() && !clean.equals("mut") && !clean.equals("final") && !clean.equals("const")) {
                tokens.add(clean);
            }
        }
        if (tokens.isEmpty()) {
            return "value";
        }
        String chosen = syntax.nameFirst() || typed.length == 2 ? tokens.get(0) : tokens.get(tokens.size() - 1);
        if (RECEIVERS_ONLY.contains(chosen)) {
            return null;
        }
        String name =
                tokens.size() == 1 && typed.length < 2 && ApiEntry.looksLikeType(chosen) ? variableFor(chosen) : chosen;
        name = name.replaceAll("[^A-Za-z0-9_]", "");
        return name.isEmpty() ? "value" : name;
    }

    /** How a language declares, calls and ends a statement, as far as the example needs. */
    record Syntax(String language) {
        static Syntax of(String language) {
            return new Syntax(language == null ? "text" : language.toLowerCase(Locale.ROOT));
        }

        String comment() {
            return switch (language) {
                case "python", "ruby", "bash", "yaml", "text", "markdown" -> "#";
                case "sql" -> "--";
                default -> "//";
            };
        }

        String end() {
            return switch (language) {
                case "java", "csharp", "c", "cpp", "javascript", "typescript", "php", "rust", "groovy" -> ";";
                default -> "";
            };
        }

        /** Go names the parameter before its type; the C family after it. */
        boolean nameFirst() {
            return language.equals("go");
        }

        String variable(String name) {
            return language.equals("php") ? "$" + name : name;
        }

        String obtain(String type, String var) {
            return switch (language) {
                case "java", "csharp" -> "var " + var + " = new " + type + "(/* … */);";
                case "javascript", "typescript" -> "const " + var + " = new " + type + "(/* … */);";
                case "kotlin", "swift" ->
                    (language.equals("kotlin") ? "val " : "let ") + var + " = " + type + "(/* … */)";
                case "scala", "groovy" ->
                    (language.equals("scala") ? "val " : "def ") + var + " = new " + type + "(/* … */)" + end();
                case "python" -> var + " = " + type + "(...)";
                case "ruby" -> var + " = " + type + ".new";
                case "php" -> "$" + var + " = new " + type + "(/* … */);";
                case "go" -> "var " + var + " " + type;
                case "rust" -> "let " + var + ": " + type + " = /* … */;";
                case "cpp" -> type + " " + var + ";";
                default -> comment() + " " + var + ": a " + type + " obtained from the surrounding code";
            };
        }

        String member(String receiver, String name, List<String> args) {
            String joined = String.join(", ", args);
            return language.equals("php")
                    ? receiver + "->" + name + "(" + joined + ")"
                    : receiver + "." + name + "(" + joined + ")";
        }
    }
}
