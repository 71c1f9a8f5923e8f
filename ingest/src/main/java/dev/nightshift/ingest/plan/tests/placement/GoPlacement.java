package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.ingest.filter.SourceFile;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go: {@code foo_test.go} beside {@code foo.go}, in the same package (so it sees unexported names), named by the
 * package clause; {@code go test} compiles every {@code *_test.go} of the folder. A file constrained by its name
 * ({@code foo_linux.go}) keeps the constraint last: part 2 is {@code foo_part2_linux_test.go}, not a file that
 * would build on every system.
 */
final class GoPlacement {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+(\\w+)");
    private static final Set<String> GOOS = Set.of(
            "aix",
            "android",
            "darwin",
            "dragonfly",
            "freebsd",
            "hurd",
            "illumos",
            "ios",
            "js",
            "linux",
            "nacl",
            "netbsd",
            "openbsd",
            "plan9",
            "solaris",
            "wasip1",
            "windows",
            "zos");
    private static final Set<String> GOARCH = Set.of(
            "386",
            "amd64",
            "arm",
            "arm64",
            "loong64",
            "mips",
            "mipsle",
            "mips64",
            "mips64le",
            "ppc64",
            "ppc64le",
            "riscv64",
            "s390x",
            "wasm");

    private final RepositoryConventions conventions;

    GoPlacement(RepositoryConventions conventions) {
        this.conventions = conventions;
    }

    Optional<PlacedFile> place(SourceFile file, int parts) {
        Matcher pkg = PACKAGE.matcher(file.text());
        if (!file.path().endsWith(".go") || !pkg.find()) {
            return Optional.empty();
        }
        String packageName = pkg.group(1);
        String folder = RepoPaths.folder(file.path());
        TestFileNaming naming = new TestFileNaming() {
            @Override
            public TestFileName file(String stem) {
                return new TestFileName(RepoPaths.join(folder, stem + "_test.go"), packageName);
            }

            @Override
            public String join(String stem, String word) {
                String[] segments = stem.split("_");
                int constraint = segments.length;
                while (constraint > 1
                        && (GOOS.contains(segments[constraint - 1]) || GOARCH.contains(segments[constraint - 1]))) {
                    constraint--;
                }
                String head = String.join("_", java.util.Arrays.copyOfRange(segments, 0, constraint));
                String tail = constraint == segments.length
                        ? ""
                        : "_" + String.join("_", java.util.Arrays.copyOfRange(segments, constraint, segments.length));
                return head + "_" + word + tail;
            }
        };
        String imports = "package " + packageName + " (same package as the code under test)";
        return naming.freeStem(RepoPaths.stem(file.path()), parts, conventions::isTest, p -> true)
                .map(stem -> new PlacedFile(
                        file.path(),
                        TestFramework.GO_TEST,
                        conventions.goLibraries(folder),
                        naming,
                        stem,
                        (name, units) -> imports));
    }
}
