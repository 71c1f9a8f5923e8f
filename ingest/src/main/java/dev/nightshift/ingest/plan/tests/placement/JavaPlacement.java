package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.ingest.filter.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java under Maven or Gradle: {@code <module>/src/main/java/a/b/Foo.java} is tested by
 * {@code <module>/src/test/java/a/b/FooTest.java}, class {@code FooTest} in package {@code a.b}, which is what
 * Surefire's and Gradle's default includes ({@code **}{@code /*Test.java}) pick up. The JUnit generation and
 * libraries come from the nearest build file above the source that names a JUnit (the module's own, else a
 * parent's), libraries from the module and its parents together; JUnit 5 when none says. A file outside
 * {@code src/main/java}, or without any build file above it, has no runner we know: no target.
 */
final class JavaPlacement {
    private static final String MAIN = "src/main/java/";
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    private final RepositoryConventions conventions;

    JavaPlacement(RepositoryConventions conventions) {
        this.conventions = conventions;
    }

    Optional<PlacedFile> place(SourceFile file, int parts) {
        String path = file.path();
        int at = path.startsWith(MAIN) ? 0 : path.indexOf("/" + MAIN) + 1;
        if ((at == 0 && !path.startsWith(MAIN)) || !path.endsWith(".java")) {
            return Optional.empty();
        }
        List<JavaBuild> builds = conventions.javaBuildsAbove(RepoPaths.folder(path));
        if (builds.isEmpty()) {
            return Optional.empty();
        }
        TestFramework framework = builds.stream()
                .map(JavaBuild::junit)
                .filter(j -> j != null)
                .findFirst()
                .orElse(TestFramework.JUNIT5);
        Set<String> libraries = new TreeSet<>();
        builds.forEach(b -> libraries.addAll(b.libraries()));
        if (framework == TestFramework.JUNIT4) {
            libraries.add("hamcrest");
        }
        String relative = path.substring(at + MAIN.length());
        String testFolder = path.substring(0, at) + "src/test/java"
                + (relative.contains("/") ? "/" + RepoPaths.folder(relative) : "");
        Matcher pkg = PACKAGE.matcher(file.text());
        String imports = pkg.find()
                ? "package " + pkg.group(1) + " (same package as the code under test)"
                : "the default package (no package declaration, like the code under test)";
        TestFileNaming naming = new TestFileNaming() {
            @Override
            public TestFileName file(String stem) {
                return new TestFileName(testFolder + "/" + stem + "Test.java", stem + "Test");
            }

            @Override
            public String join(String stem, String word) {
                return stem + Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
        };
        return naming.freeStem(RepoPaths.stem(path), parts, conventions::isTest, p -> true)
                .map(stem -> new PlacedFile(
                        path, framework, List.copyOf(libraries), naming, stem, (name, units) -> imports));
    }
}
