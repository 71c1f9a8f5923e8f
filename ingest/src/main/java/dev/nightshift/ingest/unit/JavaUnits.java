package dev.nightshift.ingest.unit;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Range;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.nightshift.ingest.filter.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Java units from a real parser (JavaParser): every top-level type with its methods and constructors as
 * members, line ranges including Javadoc and annotations, and accessors marked trivial. Code that does not
 * parse falls back to the structural splitter, so a syntax error costs precision, not the file.
 */
public final class JavaUnits implements UnitSplitter {
    /**
     * One parser per thread: JavaParser instances are not thread-safe, and costly to set up per file. RAW
     * parses every Java version's syntax without the per-version validation pass, which costs as much
     * as the parse and tells us nothing we need (we cut units, we do not compile).
     */
    private static final ThreadLocal<JavaParser> PARSER =
            ThreadLocal.withInitial(() -> new JavaParser(new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.RAW)
                    .setAttributeComments(true)));

    private final UnitSplitter fallback;

    public JavaUnits(UnitSplitter fallback) {
        this.fallback = fallback;
    }

    @Override
    public FileUnits split(SourceFile file) {
        ParseResult<CompilationUnit> result;
        try {
            result = PARSER.get().parse(file.text());
        } catch (RuntimeException e) {
            return fallback.split(file);
        }
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return fallback.split(file);
        }
        CompilationUnit cu = result.getResult().get();
        Lines lines = new Lines(file.text());
        List<Unit> units = new ArrayList<>();
        for (TypeDeclaration<?> type : cu.getTypes()) {
            Optional<Range> range = rangeWithComment(type);
            if (range.isEmpty()) {
                continue;
            }
            int start = range.get().begin.line;
            int end = Math.min(range.get().end.line, lines.count());
            List<Unit> members = members(type, lines);
            boolean trivial = members.stream().allMatch(Unit::trivial)
                    && type.getMembers().stream().noneMatch(m -> m instanceof InitializerDeclaration);
            units.add(new Unit(
                    type.getNameAsString(),
                    kind(type),
                    start,
                    end,
                    lines.slice(start, end),
                    Signatures.declaration(
                            lines, type.getBegin().map(p -> p.line).orElse(start)),
                    members,
                    trivial));
        }
        return new FileUnits(file.path(), file.language(), header(cu), units, true);
    }

    private static List<Unit> members(TypeDeclaration<?> type, Lines lines) {
        List<Unit> members = new ArrayList<>();
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof CallableDeclaration<?> callable) {
                Optional<Range> range = rangeWithComment(member);
                if (range.isEmpty()) {
                    continue;
                }
                int start = range.get().begin.line;
                int end = Math.min(range.get().end.line, lines.count());
                String kind = member instanceof ConstructorDeclaration ? "constructor" : "method";
                members.add(new Unit(
                        callable.getNameAsString(),
                        kind,
                        start,
                        end,
                        lines.slice(start, end),
                        callable.getDeclarationAsString(true, true, true),
                        List.of(),
                        isTrivial(member)));
            }
        }
        return members;
    }

    /** Getters, boolean getters and setters whose body is one plain return or assignment; abstract methods. */
    static boolean isTrivial(BodyDeclaration<?> member) {
        if (!(member instanceof MethodDeclaration m)) {
            return false;
        }
        if (m.getBody().isEmpty()) {
            return true;
        }
        List<Statement> body = m.getBody().get().getStatements();
        if (body.size() != 1) {
            return body.isEmpty();
        }
        String name = m.getNameAsString();
        Statement only = body.get(0);
        if ((name.startsWith("get") || name.startsWith("is") || name.startsWith("has"))
                && m.getParameters().isEmpty()
                && only instanceof ReturnStmt ret) {
            return ret.getExpression()
                    .map(e -> e.isNameExpr() || e.isFieldAccessExpr())
                    .orElse(false);
        }
        if (name.startsWith("set")
                && m.getParameters().size() == 1
                && only instanceof ExpressionStmt expr
                && expr.getExpression() instanceof AssignExpr assign) {
            Expression value = assign.getValue();
            return value.isNameExpr()
                    && (assign.getTarget().isFieldAccessExpr()
                            || assign.getTarget().isNameExpr());
        }
        return false;
    }

    private static String kind(TypeDeclaration<?> type) {
        if (type instanceof ClassOrInterfaceDeclaration c) {
            return c.isInterface() ? "interface" : "class";
        }
        if (type instanceof EnumDeclaration) {
            return "enum";
        }
        if (type instanceof RecordDeclaration) {
            return "record";
        }
        return type instanceof AnnotationDeclaration ? "annotation" : "type";
    }

    private static Optional<Range> rangeWithComment(Node node) {
        Optional<Range> range = node.getRange();
        if (range.isEmpty()) {
            return range;
        }
        Optional<Range> comment = node.getComment().flatMap(Node::getRange);
        if (comment.isPresent() && comment.get().begin.isBefore(range.get().begin)) {
            return Optional.of(new Range(comment.get().begin, range.get().end));
        }
        return range;
    }

    /** Package and import lines, in source order. */
    private static String header(CompilationUnit cu) {
        StringBuilder sb = new StringBuilder();
        cu.getPackageDeclaration()
                .ifPresent(
                        p -> sb.append("package ").append(p.getNameAsString()).append(";\n"));
        cu.getImports().forEach(i -> sb.append(i.toString().strip()).append('\n'));
        return sb.toString();
    }
}
