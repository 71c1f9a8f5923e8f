package dev.nightshift.core.validation;

import java.util.List;
import java.util.Objects;

/**
 * Where a test job's test goes and what it must look like, decided by ingest from the repository's own
 * conventions (build files, runner configuration) so that the repository's runner collects it.
 *
 * @param path       the test file this job writes, relative to the repository root; validated there
 * @param name       the class (Java), module (Python) or suite (JavaScript, Go) name the file declares
 * @param framework  the framework the repository's runner expects
 * @param sourcePath the file under test, relative to the repository root
 * @param imports    how the test reaches the code under test, as the prompt states it (e.g. {@code from
 *                   pkg.mod import Greeter}, {@code const { greet } = require('../lib/greet')}, a Java package)
 * @param libraries  assertion and mocking libraries the build already has beyond the framework (e.g.
 *                   {@code assertj}, {@code chai}, {@code mockito}); nothing else may be imported
 * @param mergeInto  the file every part of one class or module ends in: equal to {@code path} unless the
 *                   unit was split into several jobs, whose validated tests are merged into it on export
 * @param part       1-based part of a split unit; 1 when not split
 * @param parts      how many jobs the unit was split into
 */
public record TestTarget(
        String path,
        String name,
        TestFramework framework,
        String sourcePath,
        String imports,
        List<String> libraries,
        String mergeInto,
        int part,
        int parts) {
    public TestTarget {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(sourcePath, "sourcePath");
        imports = imports == null ? "" : imports;
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
        mergeInto = mergeInto == null ? path : mergeInto;
        if (part < 1 || parts < part) {
            throw new IllegalArgumentException("bad part " + part + " of " + parts + " for test target " + path);
        }
    }

    /** A target for a unit tested by one job. */
    public static TestTarget single(
            String path,
            String name,
            TestFramework framework,
            String sourcePath,
            String imports,
            List<String> libraries) {
        return new TestTarget(path, name, framework, sourcePath, imports, libraries, path, 1, 1);
    }

    public boolean split() {
        return parts > 1;
    }
}
