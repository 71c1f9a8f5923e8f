package dev.nightshift.core.artifact;

import dev.nightshift.core.job.TaskType;

/**
 * Where a job's artifact goes, relative to the output folder, mirroring the repository's layout:
 * documentation for {@code src/app.py} is {@code src/app.py.md}; tests for {@code src/app.py} are
 * {@code src/test_app.py}, for {@code src/main/java/a/Foo.java} {@code src/test/java/a/FooTest.java}.
 */
public final class ArtifactPaths {
    private ArtifactPaths() {
    }

    public static String forUnit(TaskType task, String unitPath, String language) {
        return task == TaskType.DOCS ? unitPath + ".md" : testPath(unitPath, language == null ? "" : language);
    }

    private static String testPath(String unitPath, String language) {
        int slash = unitPath.lastIndexOf('/');
        String dir = slash < 0 ? "" : unitPath.substring(0, slash + 1);
        String file = unitPath.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        String stem = dot <= 0 ? file : file.substring(0, dot);
        String ext = dot <= 0 ? "" : file.substring(dot);
        return switch (language) {
            case "java", "kotlin" -> dir.replace("src/main/", "src/test/") + stem + "Test" + ext;
            case "python" -> dir + "test_" + stem + ext;
            case "go" -> dir + stem + "_test" + ext;
            case "javascript", "typescript" -> dir + stem + ".test" + ext;
            case "ruby" -> dir + stem + "_spec" + ext;
            default -> dir + stem + "_test" + ext;
        };
    }
}
