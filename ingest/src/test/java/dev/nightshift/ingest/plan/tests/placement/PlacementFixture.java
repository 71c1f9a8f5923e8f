package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.ingest.filter.SourceFile;
import dev.nightshift.ingest.language.Languages;
import dev.nightshift.ingest.plan.tests.RepositoryIndex;
import dev.nightshift.ingest.plan.tests.TestFiles;
import dev.nightshift.ingest.unit.UnitSplitters;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A repository's files fed to {@link RepositoryConventions} as the planner's first pass feeds them (build and
 * runner files read, tests and sources recorded, in path order), and the targets {@link TestPlacement} then
 * gives its sources.
 */
final class PlacementFixture {
    private final Map<String, String> files = new TreeMap<>();

    PlacementFixture file(String path, String text) {
        files.put(path, text);
        return this;
    }

    /** The target of a source tested by one job covering the whole file. */
    TestTarget target(String sourcePath) {
        return targetOf(sourcePath, 1, 1).orElseThrow(() -> new AssertionError("no target for " + sourcePath));
    }

    Optional<TestTarget> targetOf(String sourcePath, int part, int parts) {
        RepositoryIndex index = new RepositoryIndex();
        files.forEach((path, text) -> {
            if (RepositoryIndex.isBuildFile(path)) {
                index.addBuildFile(path, text);
            } else if (Languages.of(path).isPresent()) {
                if (TestFiles.isTest(path)) {
                    index.addTest(path, null, text);
                } else {
                    index.addSource(UnitSplitters.split(
                            new SourceFile(path, Languages.of(path).get(), text)));
                }
            }
        });
        String text = files.get(sourcePath);
        SourceFile source = new SourceFile(sourcePath, Languages.of(sourcePath).orElseThrow(), text);
        return new TestPlacement(index.conventions())
                .place(source, parts)
                .map(p -> p.target(UnitSplitters.split(source).units(), part, parts));
    }
}
