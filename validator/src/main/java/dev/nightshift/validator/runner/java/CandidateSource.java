package dev.nightshift.validator.runner.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.TypeDeclaration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a candidate's source goes: its package and its top-level class, read with JavaParser (and, when the
 * source does not parse, with a regular expression, so that javac can still report the errors at the right
 * file).
 *
 * @param packageName the declared package ({@code ""} for none)
 * @param className   the simple name of the top-level class the file declares
 */
record CandidateSource(String packageName, String className) {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    static JavaParser parser() {
        return new JavaParser(
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE));
    }

    /**
     * @param source     the candidate
     * @param targetName the test name the job asked for (simple or qualified): preferred among several classes
     */
    static CandidateSource of(String source, String targetName) {
        String wanted = targetName.substring(targetName.lastIndexOf('.') + 1);
        ParseResult<CompilationUnit> parsed = parser().parse(source);
        if (parsed.getResult().isPresent()) {
            CompilationUnit cu = parsed.getResult().get();
            String pkg =
                    cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
            List<TypeDeclaration<?>> types = cu.getTypes();
            String name = types.stream()
                    .map(TypeDeclaration::getNameAsString)
                    .filter(wanted::equals)
                    .findFirst()
                    .or(() -> types.stream()
                            .filter(TypeDeclaration::isPublic)
                            .map(TypeDeclaration::getNameAsString)
                            .findFirst())
                    .or(() ->
                            types.stream().map(TypeDeclaration::getNameAsString).findFirst())
                    .orElse(wanted);
            if (!pkg.isEmpty() || parsed.isSuccessful()) {
                return new CandidateSource(pkg, name);
            }
        }
        Matcher m = PACKAGE.matcher(source);
        return new CandidateSource(m.find() ? m.group(1) : "", wanted);
    }

    String qualifiedName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    String relativePath() {
        return (packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/") + className + ".java";
    }
}
