package dev.nightshift.validator.runner.java;

import com.github.javaparser.ParseResult;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Removes test methods from a candidate's source with JavaParser, keeping the rest of the file as the model
 * wrote it (lexical-preserving printing: formatting and comments of what stays are untouched).
 */
final class TestPruner {
    private TestPruner() {}

    /**
     * @param methods per declaring class (binary name: {@code pkg.OuterTest$Nested}), the names of the methods to
     *                remove (every overload of each)
     * @return the pruned source, or empty when the source does not parse or a class or method is not in it
     */
    static Optional<String> remove(String source, Map<String, Set<String>> methods) {
        ParseResult<CompilationUnit> parsed = CandidateSource.parser().parse(source);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return Optional.empty();
        }
        CompilationUnit cu = parsed.getResult().get();
        LexicalPreservingPrinter.setup(cu);
        String pkg =
                cu.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        for (Map.Entry<String, Set<String>> e : methods.entrySet()) {
            if (!e.getKey().startsWith(pkg)) {
                return Optional.empty();
            }
            Optional<TypeDeclaration<?>> type =
                    find(cu, e.getKey().substring(pkg.length()).split("\\$"));
            if (type.isEmpty()) {
                return Optional.empty();
            }
            for (String name : e.getValue()) {
                List<MethodDeclaration> found = type.get().getMethodsByName(name);
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                found.forEach(MethodDeclaration::remove);
            }
        }
        try {
            return Optional.of(LexicalPreservingPrinter.print(cu));
        } catch (RuntimeException e) {
            // the lexical printer cannot render some edits; the plain printer always can
            return Optional.of(cu.toString());
        }
    }

    private static Optional<TypeDeclaration<?>> find(CompilationUnit cu, String[] path) {
        Optional<TypeDeclaration<?>> current = cu.getTypes().stream()
                .filter(t -> t.getNameAsString().equals(path[0]))
                .findFirst();
        for (int i = 1; i < path.length && current.isPresent(); i++) {
            String name = path[i];
            current = current.get().getMembers().stream()
                    .filter(BodyDeclaration::isTypeDeclaration)
                    .<TypeDeclaration<?>>map(BodyDeclaration::asTypeDeclaration)
                    .filter(t -> t.getNameAsString().equals(name))
                    .findFirst();
        }
        return current;
    }
}
