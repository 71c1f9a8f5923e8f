package dev.nightshift.ingest.plan.docs;

import dev.nightshift.ingest.unit.Unit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public symbols a file's document must cover: its top-level types and functions, and the public members of
 * its types ({@code Type.member}). Members come from the unit splitter where it knows them (Java parsed whole);
 * otherwise from the declaration lines inside each type, which is what the structural splitters leave. Private
 * names (Java {@code private}, Python's leading underscore, JavaScript's {@code #}) are not public.
 */
final class PublicSymbols {
    /** A document is asked to cover at most this many symbols; beyond, the file's largest types come first. */
    static final int MOST = 60;

    private static final Pattern JAVA_MEMBER = Pattern.compile(
            "^\\s+(?:@\\w+\\s+)*public\\s+(?:static\\s+|final\\s+|abstract\\s+|synchronized\\s+|default\\s+|<[^>]+>\\s+)*"
                    + "[\\w.<>\\[\\], ?]+?\\s+(\\w+)\\s*\\(");
    private static final Pattern PYTHON_METHOD = Pattern.compile("^\\s+(?:async\\s+)?def\\s+([A-Za-z]\\w*)\\s*\\(");
    private static final Pattern JS_METHOD = Pattern.compile(
            "^\\s+(?:static\\s+)?(?:async\\s+)?(?:get\\s+|set\\s+)?([A-Za-z_$][\\w$]*)\\s*\\([^)]*\\)\\s*\\{");
    private static final Set<String> NOT_METHODS =
            Set.of("if", "for", "while", "switch", "catch", "function", "return", "constructor");

    private PublicSymbols() {}

    static List<String> of(List<Unit> units, String language) {
        Set<String> out = new LinkedHashSet<>();
        for (Unit unit : units) {
            if (!isPublic(unit.name(), unit.signature(), language)
                    || unit.kind().equals("file")) {
                continue;
            }
            out.add(unit.name());
            List<String> members =
                    unit.members().isEmpty() ? membersFromText(unit, language) : membersFromUnits(unit, language);
            for (String member : members) {
                out.add(unit.name() + "." + member);
            }
        }
        List<String> all = new ArrayList<>(out);
        return all.size() <= MOST ? all : all.subList(0, MOST);
    }

    /** The public ones of {@code members} of {@code type}, as {@code Type.member}, after the type itself when asked. */
    static List<String> members(Unit type, List<Unit> members, String language, boolean withType) {
        Set<String> out = new LinkedHashSet<>();
        if (withType && isPublic(type.name(), type.signature(), language)) {
            out.add(type.name());
        }
        for (Unit member : members) {
            if (isPublic(member.name(), member.signature(), language)
                    && !member.name().equals(type.name())) {
                out.add(type.name() + "." + member.name());
            }
        }
        List<String> all = new ArrayList<>(out);
        return all.size() <= MOST ? all : all.subList(0, MOST);
    }

    private static List<String> membersFromUnits(Unit type, String language) {
        List<String> out = new ArrayList<>();
        for (Unit member : type.members()) {
            if (isPublic(member.name(), member.signature(), language)
                    && !member.name().equals(type.name())) {
                out.add(member.name());
            }
        }
        return out;
    }

    private static List<String> membersFromText(Unit unit, String language) {
        Pattern p =
                switch (language) {
                    case "java" -> JAVA_MEMBER;
                    case "python" -> PYTHON_METHOD;
                    case "javascript", "typescript" -> JS_METHOD;
                    default -> null;
                };
        if (p == null || !unit.kind().matches("class|interface|enum|record|type|struct|trait")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String[] lines = unit.text().split("\n");
        // The declaration line itself is the type, not a member.
        for (int i = 1; i < lines.length; i++) {
            Matcher m = p.matcher(lines[i]);
            if (m.find()
                    && !NOT_METHODS.contains(m.group(1))
                    && !m.group(1).equals(unit.name())
                    && !(language.equals("python") && m.group(1).startsWith("_"))) {
                out.add(m.group(1));
            }
        }
        return out.stream().distinct().toList();
    }

    private static boolean isPublic(String name, String signature, String language) {
        return switch (language) {
            case "java", "kotlin", "csharp" -> !signature.contains("private ");
            case "python", "ruby" -> !name.startsWith("_");
            case "javascript", "typescript" -> !name.startsWith("#") && !name.startsWith("_");
            case "go" -> !name.isEmpty() && Character.isUpperCase(name.charAt(0));
            default -> true;
        };
    }
}
