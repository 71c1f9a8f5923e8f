package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One public symbol a file document describes under its own {@code ###} heading.
 *
 * @param heading  what the heading shows: the symbol as the prompt lists it, or the declaration found in the code
 * @param owner    the type (or module) the symbol belongs to, or null for a top-level one
 * @param name     its own name, e.g. {@code add}
 * @param params   the parameters as written between its parentheses
 * @param callable whether it is called (a function, method or constructor)
 * @param type     whether it is a type (class, interface, struct…)
 */
record ApiEntry(String heading, String owner, String name, List<String> params, boolean callable, boolean type) {
    ApiEntry {
        params = List.copyOf(params);
    }

    /** Whether the parameters are known: listed with the symbol or found on its declaring line. */
    boolean parametersKnown() {
        return heading.contains("(");
    }

    /** {@code Cart.add} for {@code Cart.add(Item)}, {@code slugify} for a top-level function. */
    String qualifiedName() {
        return owner == null ? name : owner + "." + name;
    }

    /**
     * A symbol of a {@code Public symbols:} header. The declarations found in the code say whether it is a type or
     * callable, and give a callable listed without its parameters ({@code Cart.add}) the ones it declares.
     */
    static ApiEntry ofSymbol(String symbol, Map<String, Declaration> declared, String code) {
        String s = symbol.trim();
        int paren = s.indexOf('(');
        String head = withoutParameters(s);
        // Owner and name meet at the last '.', '::' or '#' (Java, C++ and Rust, Ruby spellings).
        int end = Math.max(head.lastIndexOf('.'), Math.max(head.lastIndexOf("::") + 1, head.lastIndexOf('#')));
        int start = end > 0 && head.charAt(end) == ':' ? end - 1 : end;
        String owner = start > 0 ? head.substring(0, start) : null;
        String name = start > 0 ? head.substring(end + 1) : head;
        Declaration d = declared.get(name);
        boolean callable = paren >= 0
                || (d != null
                        ? !d.isType()
                        : owner != null
                                && Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "\\s*\\(")
                                        .matcher(code)
                                        .find());
        boolean type = !callable && (d != null ? d.isType() : owner == null && looksLikeType(name));
        if (paren >= 0) {
            return new ApiEntry(s, owner, name, NameList.parse(between(s, paren)), true, false);
        }
        if (callable && d != null) {
            String params = parameters(d);
            return new ApiEntry(s + "(" + params + ")", owner, name, NameList.parse(params), true, false);
        }
        return new ApiEntry(s, owner, name, List.of(), callable, type);
    }

    /** The declarations the outline found, a method belonging to the type declared before it. */
    static List<ApiEntry> ofDeclarations(List<Declaration> declarations) {
        List<ApiEntry> out = new ArrayList<>();
        String currentType = null;
        for (Declaration d : declarations) {
            if (d.isType()) {
                currentType = d.name();
                out.add(new ApiEntry(d.kind() + " " + d.name(), null, d.name(), List.of(), false, true));
                continue;
            }
            String owner = d.kind().equals("method") ? currentType : null;
            String params = parameters(d);
            out.add(new ApiEntry(
                    (owner == null ? "" : owner + ".") + d.name() + "(" + params + ")",
                    owner,
                    d.name(),
                    NameList.parse(params),
                    true,
                    false));
        }
        return out;
    }

    /** The parameters a declaring line gives its function, as written ({@code Item item}). */
    private static String parameters(Declaration d) {
        int at = d.signature().indexOf(d.name());
        int paren = at < 0 ? -1 : d.signature().indexOf('(', at + d.name().length());
        return paren < 0 ? "" : between(d.signature(), paren);
    }

    /** {@code Cart.add} for {@code Cart.add(Item)}: the name without its parameter list or type arguments. */
    static String withoutParameters(String symbol) {
        String s = symbol.trim();
        int paren = s.indexOf('(');
        if (paren >= 0) {
            s = s.substring(0, paren);
        }
        return s.replaceAll("<[^<>]*>$", "").trim();
    }

    /** The text between the parenthesis at {@code open} and its match (or the end). */
    private static String between(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return text.substring(open + 1, i).trim();
            }
        }
        return text.substring(open + 1).trim();
    }

    /** {@code Cart} yes, {@code MAX_SIZE} and {@code slugify} no. */
    static boolean looksLikeType(String name) {
        return !name.isEmpty()
                && Character.isUpperCase(name.charAt(0))
                && !name.equals(name.toUpperCase(java.util.Locale.ROOT));
    }
}
