package dev.nightshift.core.artifact;

import dev.nightshift.core.job.TaskType;
import java.util.Locale;

/**
 * Where a job's artifact goes, relative to the output folder, mirroring the repository's layout:
 * documentation for {@code src/app.py} is {@code src/app.py.md}; tests for {@code src/app.py} are
 * {@code src/test_app.py}, for {@code src/main/java/a/Foo.java} {@code src/test/java/a/FooTest.java}.
 *
 * <p>A unit path may name part of a file after a {@code #}: a type ({@code Foo.java#Greeter}), a line range
 * ({@code Foo.java#L1-200}) or both ({@code Foo.java#Greeter@L6-8}). Each part gets its own artifact, so
 * two jobs of one file never overwrite each other: {@code Foo.java--L1-200.md}, {@code GreeterTest.java}.
 */
public final class ArtifactPaths {
    private ArtifactPaths() {}

    public static String forUnit(TaskType task, String unitPath, String language) {
        int hash = unitPath.indexOf('#');
        String file = hash < 0 ? unitPath : unitPath.substring(0, hash);
        String part = hash < 0 ? "" : unitPath.substring(hash + 1);
        if (task == TaskType.DOCS) {
            return (part.isEmpty() ? file : file + "--" + safe(part)) + ".md";
        }
        return testPath(file, part, language == null ? "" : language);
    }

    private static String testPath(String file, String part, String language) {
        int slash = file.lastIndexOf('/');
        String dir = slash < 0 ? "" : file.substring(0, slash + 1);
        String name = file.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot <= 0 ? name : name.substring(0, dot);
        String ext = dot <= 0 ? "" : name.substring(dot);
        String unit = unitName(part);
        boolean typePerFile = language.equals("java") || language.equals("kotlin") || language.equals("csharp");
        if (!unit.isEmpty()) {
            stem = typePerFile && Character.isLetter(unit.charAt(0))
                    ? unit
                    : stem + "_" + unit.toLowerCase(Locale.ROOT);
        }
        return switch (language) {
            case "java", "kotlin" -> dir.replace("src/main/", "src/test/") + stem + "Test" + ext;
            case "python" -> dir + "test_" + stem + ext;
            case "go" -> dir + stem + "_test" + ext;
            case "javascript", "typescript" -> dir + stem + ".test" + ext;
            case "ruby" -> dir + stem + "_spec" + ext;
            default -> dir + stem + "_test" + ext;
        };
    }

    /** {@code Greeter@L6-8} → {@code GreeterL6_8}; {@code L1-200} → {@code L1_200}. */
    private static String unitName(String part) {
        return safe(part.replace("@", "")).replace('-', '_');
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
