package dev.nightshift.ingest;

import dev.nightshift.core.config.ConfigLoader;
import dev.nightshift.core.config.IngestConfig;
import dev.nightshift.core.config.NightshiftConfig;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small sample repository: Java, Python and JavaScript files, a binary, a nested
 * folder, a README, and two commits (the second changes one file and adds another, tagged {@code v2};
 * the first is tagged {@code v1}).
 */
final class SampleRepository {
    static final String GREETER_V1 = """
            package com.acme;

            public class Greeter {
                public String greet(String name) {
                    return "Hello, " + name;
                }
            }
            """;
    static final String GREETER_V2 = GREETER_V1.replace("Hello, ", "Hi, ");
    static final String STRINGS = """
            package com.acme.util;

            public final class Strings {
                public static boolean isBlank(String s) {
                    return s == null || s.isBlank();
                }
            }
            """;
    static final String PYTHON = """
            def add(a, b):
                return a + b
            """;
    static final String JS = """
            export function square(x) {
              return x * x;
            }
            """;
    static final byte[] PNG = {
        (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 1, 2, 3
    };

    final Path dir;
    final String firstCommit;
    final String secondCommit;

    private SampleRepository(Path dir, String firstCommit, String secondCommit) {
        this.dir = dir;
        this.firstCommit = firstCommit;
        this.secondCommit = secondCommit;
    }

    static SampleRepository create(Path dir) {
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            String first = repo.file("src/main/java/com/acme/Greeter.java", GREETER_V1)
                    .file("app/calc.py", PYTHON)
                    .file("web/square.js", JS)
                    .file("assets/logo.png", PNG)
                    .file("README.md", "# sample\n")
                    .commit("first");
            repo.tag("v1");
            String second = repo.file("src/main/java/com/acme/Greeter.java", GREETER_V2)
                    .file("src/main/java/com/acme/util/Strings.java", STRINGS)
                    .commit("second");
            repo.tag("v2");
            return new SampleRepository(dir, first, second);
        }
    }

    static NightshiftConfig config() {
        return ConfigLoader.loadDefault(Map.of());
    }

    static NightshiftConfig configWithMaxFileBytes(long max, List<String> ignore) {
        NightshiftConfig c = config();
        return new NightshiftConfig(
                c.providers(), c.routing(), c.jobs(), c.baseline(), new IngestConfig(max, ignore), c.sink());
    }
}
