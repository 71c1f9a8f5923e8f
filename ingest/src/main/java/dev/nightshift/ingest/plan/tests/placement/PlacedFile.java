package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.ingest.unit.Unit;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Where the tests of one source file go: its framework and libraries, the test file of each part, and how a
 * test reaches the units a job covers. One file is one test file, {@code mergeInto}, whatever the number of
 * jobs it was split into.
 */
public final class PlacedFile {
    private final String sourcePath;
    private final TestFramework framework;
    private final List<String> libraries;
    private final TestFileNaming naming;
    private final String stem;
    private final BiFunction<TestFileNaming.TestFileName, List<Unit>, String> imports;

    /**
     * @param imports the import line for a job's test file and units (a relative import depends on where the
     *                test file is)
     */
    PlacedFile(
            String sourcePath,
            TestFramework framework,
            List<String> libraries,
            TestFileNaming naming,
            String stem,
            BiFunction<TestFileNaming.TestFileName, List<Unit>, String> imports) {
        this.sourcePath = Objects.requireNonNull(sourcePath);
        this.framework = Objects.requireNonNull(framework);
        this.libraries = List.copyOf(libraries);
        this.naming = naming;
        this.stem = stem;
        this.imports = imports;
    }

    /** The target of part {@code part} of {@code parts}, testing {@code units} (a whole-file job passes all of them). */
    public TestTarget target(List<Unit> units, int part, int parts) {
        TestFileNaming.TestFileName merged = naming.file(naming.partStem(stem, 1));
        TestFileNaming.TestFileName own = naming.file(naming.partStem(stem, part));
        return new TestTarget(
                own.path(),
                own.name(),
                framework,
                sourcePath,
                imports.apply(own, units),
                libraries,
                merged.path(),
                part,
                parts);
    }
}
