package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.ingest.unit.Unit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JavaScript or TypeScript module exports, read from its text: ES module exports ({@code export function f},
 * {@code export { a as b }}, {@code export default …}) and CommonJS ones ({@code exports.f = …},
 * {@code module.exports = { a, b: c }}, {@code module.exports = Foo}), with the local name behind each, so that a
 * job's test imports what its units export.
 */
final class JsExports {
    private static final Pattern ESM_SYNTAX = Pattern.compile("(?m)^\\s*(?:import\\s*[\\w{*'\"]|export\\s)");
    private static final Pattern ESM_DECLARATION = Pattern.compile(
            "(?m)^\\s*export\\s+(?:declare\\s+)?(?:async\\s+)?(?:abstract\\s+)?(?:function\\s*\\*?|class|const|let|var|enum)\\s+([\\w$]+)");
    private static final Pattern ESM_DEFAULT = Pattern.compile(
            "(?m)^\\s*export\\s+default\\s+(?:abstract\\s+)?(?:async\\s+)?(?:function\\s*\\*?|class)?\\s*([\\w$]+)?");
    private static final Pattern ESM_LIST = Pattern.compile("(?m)^\\s*export\\s*(?:type\\s*)?\\{([^}]*)}");
    private static final Pattern CJS_PROPERTY = Pattern.compile("(?m)^\\s*(?:module\\.)?exports\\.([\\w$]+)\\s*=(?!=)");
    private static final Pattern CJS_OBJECT = Pattern.compile("(?m)^\\s*module\\.exports\\s*=\\s*\\{");
    private static final Pattern CJS_CALLABLE =
            Pattern.compile("(?m)^\\s*module\\.exports\\s*=\\s*(?:async\\s+)?(?:function\\s*\\*?|class)\\s*([\\w$]*)");
    private static final Pattern CJS_VALUE =
            Pattern.compile("(?m)^\\s*module\\.exports\\s*=\\s*(?:new\\s+)?([\\w$]+)\\s*;?\\s*$");
    private static final Pattern ENTRY_METHOD = Pattern.compile("^(?:async\\s+)?\\*?\\s*([\\w$]+)\\s*\\(");
    private static final Pattern ENTRY_RENAMED = Pattern.compile("^['\"]?([\\w$]+)['\"]?\\s*:\\s*([\\w$]+)\\s*$");
    private static final Pattern ENTRY_KEY = Pattern.compile("^['\"]?([\\w$]+)['\"]?\\s*(?::|$)");

    /** Exported name by local name, in the order they appear. */
    private final Map<String, String> named = new LinkedHashMap<>();

    private boolean hasDefault;
    /** The local name of the default export, {@code module.exports} for an anonymous CommonJS one, or {@code null}. */
    private String defaultLocal;

    private boolean esmSyntax;

    static JsExports of(String text) {
        String code = JsConfigText.stripComments(text);
        JsExports e = new JsExports();
        e.esmSyntax = ESM_SYNTAX.matcher(code).find();
        Matcher m = ESM_DECLARATION.matcher(code);
        while (m.find()) {
            e.named.putIfAbsent(m.group(1), m.group(1));
        }
        m = ESM_LIST.matcher(code);
        while (m.find()) {
            for (String entry : m.group(1).split(",")) {
                String[] parts = entry.strip().split("\\s+as\\s+");
                String local = parts[0].strip();
                String exported = parts.length > 1 ? parts[1].strip() : local;
                if (local.isEmpty()) {
                    continue;
                }
                if (exported.equals("default")) {
                    e.hasDefault = true;
                    e.defaultLocal = local;
                } else {
                    e.named.putIfAbsent(local, exported);
                }
            }
        }
        m = ESM_DEFAULT.matcher(code);
        if (m.find()) {
            e.hasDefault = true;
            String name = m.group(1);
            e.defaultLocal = name == null || name.equals("extends") ? null : name;
        }
        m = CJS_PROPERTY.matcher(code);
        while (m.find()) {
            e.named.putIfAbsent(m.group(1), m.group(1));
        }
        m = CJS_OBJECT.matcher(code);
        if (m.find()) {
            objectEntries(code, m.end() - 1).forEach(entry -> e.named.putIfAbsent(entry[0], entry[1]));
        }
        m = CJS_CALLABLE.matcher(code);
        if (m.find()) {
            e.hasDefault = true;
            e.defaultLocal = "module.exports";
        } else {
            m = CJS_VALUE.matcher(code);
            if (m.find() && !m.group(1).equals("require")) {
                e.hasDefault = true;
                e.defaultLocal = m.group(1);
            }
        }
        return e;
    }

    boolean esmSyntax() {
        return esmSyntax;
    }

    boolean hasDefault() {
        return hasDefault;
    }

    /** The default export's local name when it is an identifier (not {@code module.exports}), else {@code null}. */
    String defaultName() {
        return defaultLocal == null || defaultLocal.contains(".") ? null : defaultLocal;
    }

    /** What a test of these units imports: the named exports they declare, and whether the default is one of them. */
    Imported importedBy(List<Unit> units) {
        Set<String> locals = new HashSet<>();
        for (Unit u : units) {
            locals.add(u.name());
            int dot = u.name().indexOf('.');
            if (dot > 0 && !u.name().startsWith("module.exports")) {
                locals.add(u.name().substring(0, dot));
            }
        }
        List<String> names = new ArrayList<>();
        named.forEach((local, exported) -> {
            if (locals.contains(local) || locals.contains(exported)) {
                names.add(exported);
            }
        });
        boolean withDefault =
                hasDefault && (defaultLocal == null ? locals.contains("default") : locals.contains(defaultLocal));
        if (names.isEmpty() && !withDefault) {
            return new Imported(List.copyOf(named.values()), hasDefault);
        }
        return new Imported(names, withDefault);
    }

    record Imported(List<String> names, boolean withDefault) {}

    /** {local, exported} of each entry of the object literal opening at {@code open}. */
    private static List<String[]> objectEntries(String code, int open) {
        List<String[]> entries = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
            if ((c == ',' && depth == 1) || depth == 0) {
                String entry = code.substring(start, i).strip();
                start = i + 1;
                Matcher method = ENTRY_METHOD.matcher(entry);
                Matcher renamed = ENTRY_RENAMED.matcher(entry);
                Matcher key = ENTRY_KEY.matcher(entry);
                if (entry.startsWith("...")) {
                    continue;
                } else if (renamed.find()) {
                    entries.add(new String[] {renamed.group(2), renamed.group(1)});
                } else if (method.find()) {
                    entries.add(new String[] {method.group(1), method.group(1)});
                } else if (key.find()) {
                    entries.add(new String[] {key.group(1), key.group(1)});
                }
                if (depth == 0) {
                    break;
                }
            }
        }
        return entries;
    }
}
