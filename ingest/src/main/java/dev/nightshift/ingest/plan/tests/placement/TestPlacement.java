package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.ingest.filter.SourceFile;
import java.util.Optional;

/**
 * Decides where the tests of a source file go so that the repository's own runner collects them, from the
 * repository's build and runner configuration and its existing tests ({@link RepositoryConventions}): Java
 * (Maven/Gradle), Python (pytest or unittest), JavaScript/TypeScript (Mocha, Jest, Vitest, node --test) and Go.
 * Other languages, and files whose runner we do not know, get no placement: their jobs carry no test target.
 * An existing test file is never the target: a new one gets a free name beside it.
 */
public final class TestPlacement {
    private final JavaPlacement java;
    private final PythonPlacement python;
    private final JavaScriptPlacement javascript;
    private final GoPlacement go;

    public TestPlacement(RepositoryConventions conventions) {
        this.java = new JavaPlacement(conventions);
        this.python = new PythonPlacement(conventions);
        this.javascript = new JavaScriptPlacement(conventions);
        this.go = new GoPlacement(conventions);
    }

    /** The placement of a file whose tests are planned as {@code parts} jobs (1 when not split). */
    /** Whether tests of this language are placed (and so validated): a file of it without a place gets no job. */
    public static boolean places(String language) {
        return switch (language) {
            case "java", "python", "javascript", "typescript", "go" -> true;
            default -> false;
        };
    }

    public Optional<PlacedFile> place(SourceFile file, int parts) {
        return switch (file.language()) {
            case "java" -> java.place(file, parts);
            case "python" -> python.place(file, parts);
            case "javascript", "typescript" -> javascript.place(file, parts);
            case "go" -> go.place(file, parts);
            default -> Optional.empty();
        };
    }
}
