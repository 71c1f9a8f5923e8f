package dev.nightshift.sinkapi.merge;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.printer.DefaultPrettyPrinter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Java: the base part's text, as written, gets each later part's imports after its own and the members of the
 * part's test class before its class's closing brace (printed by JavaParser, indented like the base's members). A method whose name the class already has is
 * renamed {@code namePartN}; so is a field, or a nested type, whose declaration differs from the one already
 * there — and the part's own references to it follow (calls, {@code this.x}, method references, types). A member
 * identical to one already there is left out; references to the part's class name become the base's. The base
 * class keeps its name, unless it is public and the file it ends in has another name (Java demands they match).
 */
final class JavaTestMerge implements TestMerger.Language {
    private final JavaParser parser =
            new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE));
    private final DefaultPrettyPrinter canonical = new DefaultPrettyPrinter();

    @Override
    public String merge(String mergeInto, List<TestMerger.Part> parts) {
        String text = parts.get(0).text();
        CompilationUnit base = parse(parts.get(0));
        TypeDeclaration<?> baseType = mainType(base, parts.get(0));
        List<Edit> edits = new ArrayList<>();
        Lines lines = new Lines(text);
        String stem = stem(mergeInto);
        if (baseType.isPublic() && !baseType.getNameAsString().equals(stem) && SourceVersion.isName(stem)) {
            renameType(baseType, baseType.getNameAsString(), stem, lines, edits);
        }
        String indent = memberIndent(baseType, lines);
        StringBuilder imports = new StringBuilder();
        StringBuilder members = new StringBuilder();
        StringBuilder types = new StringBuilder();
        List<ImportDeclaration> known = new ArrayList<>(base.getImports());
        for (TestMerger.Part part : parts.subList(1, parts.size())) {
            CompilationUnit cu = parse(part);
            for (ImportDeclaration imp : cu.getImports()) {
                if (!known.contains(imp)) {
                    known.add(imp);
                    imports.append(canonical.print(imp).strip()).append('\n');
                }
            }
            TypeDeclaration<?> partType = mainType(cu, part);
            for (BodyDeclaration<?> member : appendMembers(baseType, partType, part.part())) {
                members.append('\n').append(indented(canonical.print(member), indent));
            }
            for (TypeDeclaration<?> other : cu.getTypes()) {
                // The main type's node itself: JavaParser's equals compares whole trees, not declarations
                @SuppressWarnings("ReferenceEquality")
                boolean main = other == partType;
                if (!main && base.getTypes().stream().noneMatch(t -> same(t, other))) {
                    if (base.getTypes().stream()
                            .anyMatch(t -> t.getNameAsString().equals(other.getNameAsString()))) {
                        throw new MergeException(
                                "part " + part.part() + " (" + part.path() + ") declares a second top-level type "
                                        + other.getNameAsString() + " that the base declares differently");
                    }
                    TypeDeclaration<?> copy = other.clone();
                    base.addType(copy);
                    types.append('\n').append(canonical.print(copy).strip()).append('\n');
                }
            }
        }
        if (imports.length() > 0) {
            edits.add(new Edit(importsAt(base, lines), importsAt(base, lines), importsPrefix(base) + imports));
        }
        if (members.length() > 0) {
            int close = lines.offset(baseType.getEnd().orElseThrow());
            int lineStart = lines.lineStart(close);
            boolean alone = text.substring(lineStart, close).isBlank();
            edits.add(new Edit(alone ? lineStart : close, alone ? lineStart : close, (alone ? "" : "\n") + members));
        }
        if (types.length() > 0) {
            edits.add(new Edit(text.length(), text.length(), (text.endsWith("\n") ? "" : "\n") + types));
        }
        return Edit.apply(text, edits);
    }

    /** One change to the base's text: {@code [start, end)} replaced. */
    record Edit(int start, int end, String replacement) {
        static String apply(String text, List<Edit> edits) {
            List<Edit> ordered = new ArrayList<>(edits);
            // from the end, so that earlier offsets stay valid; at one offset, in the order they were made
            ordered.sort(java.util.Comparator.comparingInt(Edit::start).reversed());
            StringBuilder out = new StringBuilder(text);
            int i = 0;
            while (i < ordered.size()) {
                int at = ordered.get(i).start();
                List<Edit> same = new ArrayList<>();
                while (i < ordered.size() && ordered.get(i).start() == at) {
                    same.add(ordered.get(i++));
                }
                StringBuilder inserted = new StringBuilder();
                int end = at;
                for (Edit e : same) {
                    inserted.append(e.replacement());
                    end = Math.max(end, e.end());
                }
                out.replace(at, end, inserted.toString());
            }
            return out.toString();
        }
    }

    /** Offsets of a text's lines, to turn JavaParser's (line, column) positions into offsets (a tab is one column). */
    static final class Lines {
        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            List<Integer> s = new ArrayList<>();
            s.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        int offset(com.github.javaparser.Position p) {
            return Math.min(text.length(), starts[p.line - 1] + p.column - 1);
        }

        int lineStart(int offset) {
            return text.lastIndexOf('\n', offset - 1) + 1;
        }

        /** The whitespace a line starts with. */
        String indentOf(int offset) {
            int ls = lineStart(offset);
            int i = ls;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            return text.substring(ls, i);
        }
    }

    /** Where new imports go: after the last import, else after the package declaration, else at the top. */
    private static int importsAt(CompilationUnit cu, Lines lines) {
        Optional<com.github.javaparser.Position> end = cu.getImports().isNonEmpty()
                ? cu.getImports().get(cu.getImports().size() - 1).getEnd()
                : cu.getPackageDeclaration().flatMap(Node::getEnd);
        if (end.isEmpty()) {
            return 0;
        }
        int at = lines.offset(end.get()) + 1;
        int nl = lines.text.indexOf('\n', at);
        return nl < 0 ? lines.text.length() : nl + 1;
    }

    private static String importsPrefix(CompilationUnit cu) {
        return cu.getImports().isEmpty() && cu.getPackageDeclaration().isPresent() ? "\n" : "";
    }

    /** The indentation of the base class's members (that of its first member, else four spaces). */
    private static String memberIndent(TypeDeclaration<?> type, Lines lines) {
        return type.getMembers().isEmpty()
                        || type.getMembers().get(0).getBegin().isEmpty()
                ? "    "
                : lines.indentOf(
                        lines.offset(type.getMembers().get(0).getBegin().get()));
    }

    private static String indented(String printed, String indent) {
        StringBuilder out = new StringBuilder();
        for (String line : printed.strip().split("\n", -1)) {
            out.append(line.isBlank() ? "" : indent + line).append('\n');
        }
        return out.toString();
    }

    private CompilationUnit parse(TestMerger.Part part) {
        ParseResult<CompilationUnit> result = parser.parse(part.text());
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            String problem = result.getProblems().isEmpty()
                    ? "no compilation unit"
                    : result.getProblems().get(0).getVerboseMessage();
            throw new MergeException("part " + part.part() + " (" + part.path() + ") does not parse as Java: "
                    + problem.lines().findFirst().orElse(problem));
        }
        return result.getResult().get();
    }

    /** The file's test class: its public top-level type, else the one named as the file, else the first. */
    private static TypeDeclaration<?> mainType(CompilationUnit cu, TestMerger.Part part) {
        String stem = stem(part.path());
        return cu.getTypes().stream()
                .filter(TypeDeclaration::isPublic)
                .findFirst()
                .or(() -> cu.getTypes().stream()
                        .filter(t -> t.getNameAsString().equals(stem))
                        .findFirst())
                .or(() -> cu.getTypes().stream().findFirst())
                .orElseThrow(
                        () -> new MergeException("part " + part.part() + " (" + part.path() + ") declares no class"));
    }

    /** Adds the part's members to the base class's tree (so later parts see them) and returns them, renamed. */
    private List<BodyDeclaration<?>> appendMembers(TypeDeclaration<?> baseType, TypeDeclaration<?> partType, int part) {
        String suffix = "Part" + part;
        Map<String, String> methods = new HashMap<>();
        Map<String, String> fields = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        types.put(partType.getNameAsString(), baseType.getNameAsString());
        List<BodyDeclaration<?>> toAdd = new ArrayList<>();
        Set<String> methodNames = new HashSet<>();
        baseType.getMethods().forEach(m -> methodNames.add(m.getNameAsString()));
        Set<String> fieldNames = new HashSet<>();
        baseType.getFields().forEach(f -> f.getVariables().forEach(v -> fieldNames.add(v.getNameAsString())));
        Set<String> typeNames = new HashSet<>();
        baseType.getMembers().stream()
                .filter(BodyDeclaration::isTypeDeclaration)
                .forEach(t -> typeNames.add(t.asTypeDeclaration().getNameAsString()));

        for (BodyDeclaration<?> member : partType.getMembers()) {
            if (baseType.getMembers().stream().anyMatch(b -> same(b, member))) {
                continue;
            }
            if (member instanceof MethodDeclaration m) {
                String name = m.getNameAsString();
                if (methodNames.contains(name) && !methods.containsKey(name)) {
                    Set<String> taken = new HashSet<>(methodNames);
                    taken.addAll(methods.values());
                    methods.put(name, TestMerger.unique(name, suffix, taken));
                }
            } else if (member instanceof FieldDeclaration f) {
                for (VariableDeclarator v : f.getVariables()) {
                    String name = v.getNameAsString();
                    if (fieldNames.contains(name)) {
                        Set<String> taken = new HashSet<>(fieldNames);
                        taken.addAll(fields.values());
                        fields.put(name, TestMerger.unique(name, suffix, taken));
                    }
                }
            } else if (member instanceof ConstructorDeclaration c) {
                if (baseType.getConstructors().stream().anyMatch(b -> sameParameters(b, c))) {
                    continue;
                }
            } else if (member.isTypeDeclaration()) {
                String name = member.asTypeDeclaration().getNameAsString();
                if (typeNames.contains(name)) {
                    Set<String> taken = new HashSet<>(typeNames);
                    taken.addAll(types.values());
                    types.put(name, TestMerger.unique(name, suffix, taken));
                }
            }
            toAdd.add(member.clone());
        }
        for (BodyDeclaration<?> member : toAdd) {
            renameIn(member, methods, fields, types);
            if (member instanceof ConstructorDeclaration c) {
                c.setName(baseType.getNameAsString());
            }
            baseType.addMember(member);
            if (member instanceof MethodDeclaration m) {
                methodNames.add(m.getNameAsString());
            } else if (member instanceof FieldDeclaration f) {
                f.getVariables().forEach(v -> fieldNames.add(v.getNameAsString()));
            } else if (member.isTypeDeclaration()) {
                typeNames.add(member.asTypeDeclaration().getNameAsString());
            }
        }
        return toAdd;
    }

    /** Applies the part's renames to one of its members: declarations first, then the references to them. */
    private static void renameIn(
            BodyDeclaration<?> member,
            Map<String, String> methods,
            Map<String, String> fields,
            Map<String, String> types) {
        if (member instanceof MethodDeclaration m && methods.containsKey(m.getNameAsString())) {
            m.setName(methods.get(m.getNameAsString()));
        }
        if (member instanceof FieldDeclaration f) {
            f.getVariables().forEach(v -> {
                if (fields.containsKey(v.getNameAsString())) {
                    v.setName(fields.get(v.getNameAsString()));
                }
            });
        }
        if (member.isTypeDeclaration()
                && types.containsKey(member.asTypeDeclaration().getNameAsString())) {
            member.asTypeDeclaration()
                    .setName(types.get(member.asTypeDeclaration().getNameAsString()));
        }
        member.findAll(MethodCallExpr.class).forEach(call -> {
            if (methods.containsKey(call.getNameAsString()) && ownScope(call.getScope(), types)) {
                call.setName(methods.get(call.getNameAsString()));
            }
        });
        member.findAll(MethodReferenceExpr.class).forEach(ref -> {
            if (methods.containsKey(ref.getIdentifier())
                    && (ref.getScope() instanceof ThisExpr
                            || ref.getScope() instanceof TypeExpr t
                                    && types.containsKey(t.getType().asString()))) {
                ref.setIdentifier(methods.get(ref.getIdentifier()));
            }
        });
        member.findAll(FieldAccessExpr.class).forEach(access -> {
            if (fields.containsKey(access.getNameAsString()) && ownScope(Optional.of(access.getScope()), types)) {
                access.setName(fields.get(access.getNameAsString()));
            }
        });
        member.findAll(NameExpr.class).forEach(name -> {
            String n = name.getNameAsString();
            if (fields.containsKey(n) && !declaredLocally(name, n)) {
                name.setName(fields.get(n));
            } else if (types.containsKey(n) && !fields.containsKey(n) && !declaredLocally(name, n)) {
                name.setName(types.get(n));
            }
        });
        member.findAll(ClassOrInterfaceType.class).forEach(type -> {
            if (type.getScope().isEmpty() && types.containsKey(type.getNameAsString())) {
                type.setName(types.get(type.getNameAsString()));
            }
        });
    }

    /** A call or access on this class: no scope, {@code this}, or the (part's or a renamed) class name. */
    private static boolean ownScope(Optional<? extends Node> scope, Map<String, String> types) {
        if (scope.isEmpty() || scope.get() instanceof ThisExpr) {
            return true;
        }
        return scope.get() instanceof NameExpr n && types.containsKey(n.getNameAsString());
    }

    /** Whether {@code name} is a parameter or local variable of the method (or lambda) around the expression. */
    private static boolean declaredLocally(Node at, String name) {
        for (Node n = at.getParentNode().orElse(null);
                n != null;
                n = n.getParentNode().orElse(null)) {
            if (n instanceof CallableDeclaration<?> c) {
                if (c.getParameters().stream().map(Parameter::getNameAsString).anyMatch(name::equals)) {
                    return true;
                }
                return c.findAll(VariableDeclarator.class).stream()
                        .anyMatch(v -> v.getNameAsString().equals(name)
                                && v.getParentNode()
                                        .filter(p -> !(p instanceof FieldDeclaration))
                                        .isPresent());
            }
            if (n instanceof com.github.javaparser.ast.expr.LambdaExpr l
                    && l.getParameters().stream()
                            .map(Parameter::getNameAsString)
                            .anyMatch(name::equals)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameParameters(ConstructorDeclaration a, ConstructorDeclaration b) {
        return a.getParameters().stream()
                .map(p -> p.getType().asString())
                .toList()
                .equals(b.getParameters().stream()
                        .map(p -> p.getType().asString())
                        .toList());
    }

    /** The same declaration, compared as JavaParser prints it (layout aside). */
    private boolean same(Node a, Node b) {
        return a.getClass() == b.getClass() && canonical.print(a).equals(canonical.print(b));
    }

    /**
     * Renames the base class (Java demands a public class be named as its file): its name, its constructors and
     * its references to itself, in the tree and, as edits, in the text.
     */
    private static void renameType(TypeDeclaration<?> type, String from, String to, Lines lines, List<Edit> edits) {
        List<com.github.javaparser.ast.expr.SimpleName> names = new ArrayList<>();
        names.add(type.getName());
        type.getConstructors().forEach(c -> names.add(c.getName()));
        type.findAll(ClassOrInterfaceType.class).forEach(t -> {
            if (t.getScope().isEmpty() && t.getNameAsString().equals(from)) {
                names.add(t.getName());
            }
        });
        type.findAll(NameExpr.class).forEach(n -> {
            if (n.getNameAsString().equals(from)) {
                names.add(n.getName());
            }
        });
        for (com.github.javaparser.ast.expr.SimpleName n : names) {
            if (n.getBegin().isPresent() && n.getEnd().isPresent()) {
                edits.add(new Edit(
                        lines.offset(n.getBegin().get()),
                        lines.offset(n.getEnd().get()) + 1,
                        to));
            }
        }
        names.forEach(n -> n.setIdentifier(to));
    }

    private static String stem(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
