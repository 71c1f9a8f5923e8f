package dev.nightshift.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tests run over a repository of four ecosystems plus build files, scripts and configuration: each job's test
 * target follows that part of the repository's runner, split files share one test file, and everything without a
 * job is in the report with its rule.
 */
class TestTargetsPlanTest {
    static final String PARENT_POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.acme</groupId>
              <artifactId>acme</artifactId>
              <version>1.0.0</version>
              <packaging>pom</packaging>
              <modules>
                <module>core</module>
                <module>legacy</module>
              </modules>
            </project>
            """;
    static final String CORE_POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <parent><groupId>com.acme</groupId><artifactId>acme</artifactId><version>1.0.0</version></parent>
              <artifactId>core</artifactId>
              <dependencies>
                <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
                <dependency><groupId>org.assertj</groupId><artifactId>assertj-core</artifactId><scope>test</scope></dependency>
              </dependencies>
            </project>
            """;
    static final String LEGACY_POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <parent><groupId>com.acme</groupId><artifactId>acme</artifactId><version>1.0.0</version></parent>
              <artifactId>legacy</artifactId>
              <dependencies>
                <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
              </dependencies>
            </project>
            """;
    static final String LEDGER_JAVA = """
            package com.acme.core;

            import java.util.ArrayList;
            import java.util.List;

            public class Ledger {
                private final List<Long> entries = new ArrayList<>();

                public void post(long cents) {
                    if (cents == 0) {
                        throw new IllegalArgumentException("empty entry");
                    }
                    entries.add(cents);
                }

                public long balance() {
                    long sum = 0;
                    for (long e : entries) {
                        sum += e;
                    }
                    return sum;
                }

                public List<Long> getEntries() {
                    return entries;
                }
            }
            """;
    static final String IMPORTER_JAVA = """
            package com.acme.legacy;

            public class Importer {
                public String[] fields(String line) {
                    return line.split(",");
                }
            }
            """;
    static final String PARSE_PY = """
            from typing import overload


            @overload
            def parse(value: int) -> int: ...
            @overload
            def parse(value: str) -> str: ...
            def parse(value):
                if value is None:
                    raise ValueError("nothing to parse")
                return value


            @overload
            def stub_only(x: int) -> int: ...


            def normalise(text):
                return " ".join(text.split())
            """;
    static final String API_JS = """
            'use strict';

            const api = {};

            api.fetchUser = function (id) {
              if (!id) {
                throw new Error('id required');
              }
              return { id: id, name: 'user-' + id };
            };

            api.rename = function (user, name) {
              return Object.assign({}, user, { name: name.trim() });
            };

            module.exports = api;
            """;
    static final String LEDGER_GO = """
            package ledger

            // Balance sums the entries.
            func Balance(entries []int64) int64 {
            	var sum int64
            	for _, e := range entries {
            		sum += e
            	}
            	return sum
            }
            """;

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void repository() {
        dir = tmp.resolve("repo");
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            repo.file("pom.xml", PARENT_POM)
                    .file("core/pom.xml", CORE_POM)
                    .file("core/src/main/java/com/acme/core/Ledger.java", LEDGER_JAVA)
                    .file("legacy/pom.xml", LEGACY_POM)
                    .file("legacy/src/main/java/com/acme/legacy/Importer.java", IMPORTER_JAVA)
                    .file("core/src/main/java11/com/acme/core/Ledger.java", LEDGER_JAVA)
                    .file(
                            "py/pyproject.toml",
                            "[project]\nname = \"acme\"\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n")
                    .file("py/src/acme/parsing.py", PARSE_PY)
                    .file("web/package.json", """
                            {
                              "name": "acme-web",
                              "scripts": { "test": "mocha" },
                              "devDependencies": { "mocha": "^10.4.0", "chai": "^4.4.1" }
                            }
                            """)
                    .file("web/.mocharc.json", "{ \"spec\": \"test/**/*.spec.js\", \"timeout\": 5000 }\n")
                    .file("web/lib/api.js", API_JS)
                    .file("web/types/index.d.ts", "export declare function fetchUser(id: string): object;\n")
                    .file("web/eslint.config.js", "module.exports = [{ rules: { semi: 'error' } }];\n")
                    .file("go.mod", "module example.com/acme\n\ngo 1.22\n")
                    .file("svc/ledger.go", LEDGER_GO)
                    .file("tools/greet.rb", "def greet(name)\n  \"Hello, #{name}\"\nend\n")
                    .file("Makefile", "test:\n\tmvn verify\n")
                    .file("Dockerfile", "FROM eclipse-temurin:17\nCOPY . /app\n")
                    .file("db/schema.sql", "CREATE TABLE entries (id BIGINT PRIMARY KEY, cents BIGINT NOT NULL);\n")
                    .file("scripts/deploy.sh", "#!/bin/sh\nset -e\nkubectl apply -f deploy/\n")
                    .file("config/app.yaml", "ledger:\n  currency: EUR\n")
                    .file("README.md", "# acme\n")
                    .commit("c");
        }
    }

    private RunPlanning.Result plan(long testGroupTokens) {
        IngestOptions options = IngestOptions.fromEnvironment(Map.of()).withTestGroupTokens(testGroupTokens);
        return new RunPlanning(SampleRepository.config(), tmp.resolve("cache"), options)
                .plan(dir.toString(), null, TaskType.TESTS);
    }

    @Test
    void everyTestJobOfASupportedLanguageCarriesTheTargetItsRunnerCollects() {
        // When
        RunPlanning.Result result = plan(6_000);

        // Then
        assertThat(result.unitPaths())
                .containsExactlyInAnyOrder(
                        "core/src/main/java/com/acme/core/Ledger.java",
                        "legacy/src/main/java/com/acme/legacy/Importer.java",
                        "py/src/acme/parsing.py",
                        "web/lib/api.js",
                        "svc/ledger.go",
                        "tools/greet.rb");
        assertThat(List.of(
                        "core/src/main/java/com/acme/core/Ledger.java",
                        "legacy/src/main/java/com/acme/legacy/Importer.java",
                        "py/src/acme/parsing.py",
                        "web/lib/api.js",
                        "svc/ledger.go"))
                .extracting(path -> result.job(path).testTarget())
                .extracting(
                        TestTarget::path,
                        TestTarget::name,
                        TestTarget::framework,
                        TestTarget::imports,
                        TestTarget::libraries)
                .containsExactly(
                        tuple(
                                "core/src/test/java/com/acme/core/LedgerTest.java",
                                "LedgerTest",
                                TestFramework.JUNIT5,
                                "package com.acme.core (same package as the code under test)",
                                List.of("assertj")),
                        tuple(
                                "legacy/src/test/java/com/acme/legacy/ImporterTest.java",
                                "ImporterTest",
                                TestFramework.JUNIT4,
                                "package com.acme.legacy (same package as the code under test)",
                                List.of("hamcrest")),
                        tuple(
                                "py/tests/test_parsing.py",
                                "test_parsing",
                                TestFramework.PYTEST,
                                "from acme.parsing import parse, normalise",
                                List.of()),
                        tuple(
                                "web/test/api.spec.js",
                                "api",
                                TestFramework.MOCHA,
                                "const api = require('../lib/api')",
                                List.of("chai")),
                        tuple(
                                "svc/ledger_test.go",
                                "ledger",
                                TestFramework.GO_TEST,
                                "package ledger (same package as the code under test)",
                                List.of()));
        Job ledger = result.job("core/src/main/java/com/acme/core/Ledger.java");
        assertThat(ledger.testTarget().sourcePath()).isEqualTo(ledger.unitPath());
        assertThat(ledger.content())
                .startsWith("// nightshift context for writing tests")
                .doesNotContain("test framework:");
        Job ruby = result.job("tools/greet.rb");
        assertThat(ruby.testTarget()).as("no runner we place tests for").isNull();
        assertThat(ruby.content()).contains("# test framework: RSpec (ecosystem default)");
    }

    @Test
    void buildFilesScriptsSchemasConfigurationAndDocumentsAreReportedNotPlanned() {
        // When
        RunPlanning.Result result = plan(6_000);

        // Then
        assertThat(Map.ofEntries(
                        Map.entry("Makefile", "untestable:build-file"),
                        Map.entry("Dockerfile", "untestable:build-file"),
                        Map.entry("pom.xml", "untestable:build-file"),
                        Map.entry("core/pom.xml", "untestable:build-file"),
                        Map.entry("web/package.json", "untestable:build-file"),
                        Map.entry("py/pyproject.toml", "untestable:build-file"),
                        Map.entry("go.mod", "untestable:build-file"),
                        Map.entry("db/schema.sql", "untestable:sql"),
                        Map.entry("scripts/deploy.sh", "untestable:shell"),
                        Map.entry("config/app.yaml", "untestable:config"),
                        Map.entry("web/.mocharc.json", "untestable:config"),
                        Map.entry("web/eslint.config.js", "untestable:config"),
                        Map.entry("web/types/index.d.ts", "untestable:type-stubs"),
                        Map.entry("README.md", "untestable:docs"),
                        // A source set no runner of the build collects tests for: a test there could never be run.
                        Map.entry("core/src/main/java11/com/acme/core/Ledger.java", "untestable:no-test-placement")))
                .allSatisfy((path, reason) ->
                        assertThat(result.skipReasons(path)).as(path).containsExactly(reason));
        assertThat(result.plan().skipped())
                .extracting(s -> s.path())
                .doesNotContain(
                        "core/src/main/java/com/acme/core/Ledger.java", "web/lib/api.js", "py/src/acme/parsing.py");
    }

    @Test
    void aSplitFileSharesOneTestFileAndWhatTheSplitLeavesOutIsReported() {
        // When every unit is over the budget of one job
        RunPlanning.Result result = plan(40);

        // Then the Java class is split into groups of its methods, parts of one LedgerTest
        List<TestTarget> ledger = result.jobs().stream()
                .filter(j -> j.unitPath().startsWith("core/src/main/java/com/acme/core/Ledger.java#"))
                .map(Job::testTarget)
                .toList();
        assertThat(ledger)
                .extracting(TestTarget::path, TestTarget::name, TestTarget::part, TestTarget::parts)
                .containsExactly(
                        tuple("core/src/test/java/com/acme/core/LedgerTest.java", "LedgerTest", 1, 2),
                        tuple("core/src/test/java/com/acme/core/LedgerPart2Test.java", "LedgerPart2Test", 2, 2));
        assertThat(ledger)
                .extracting(TestTarget::mergeInto)
                .containsOnly("core/src/test/java/com/acme/core/LedgerTest.java");
        assertThat(result.skipReasons("core/src/main/java/com/acme/core/Ledger.java#Ledger.getEntries"))
                .containsExactly("untestable-unit:trivial");

        // and the overloads of parse are one job, the stubs without implementation none
        assertThat(result.unitPaths())
                .filteredOn(p -> p.startsWith("py/src/acme/parsing.py"))
                .containsExactly("py/src/acme/parsing.py#parse", "py/src/acme/parsing.py#normalise");
        Job parse = result.job("py/src/acme/parsing.py#parse");
        assertThat(parse.content()).contains("@overload\ndef parse(value: int) -> int: ...", "raise ValueError");
        assertThat(parse.testTarget().imports()).isEqualTo("from acme.parsing import parse");
        assertThat(result.job("py/src/acme/parsing.py#normalise").testTarget())
                .extracting(TestTarget::path, TestTarget::mergeInto, TestTarget::part)
                .containsExactly("py/tests/test_parsing_part2.py", "py/tests/test_parsing.py", 2);
        assertThat(result.skipReasons("py/src/acme/parsing.py#stub_only")).containsExactly("untestable-unit:overload");

        // and methods assigned to an object are units of their own, imported through the module's export
        assertThat(result.unitPaths())
                .filteredOn(p -> p.startsWith("web/lib/api.js"))
                .containsExactly("web/lib/api.js#api.fetchUser", "web/lib/api.js#api.rename");
        assertThat(result.job("web/lib/api.js#api.rename").testTarget())
                .extracting(TestTarget::path, TestTarget::name, TestTarget::imports, TestTarget::mergeInto)
                .containsExactly(
                        "web/test/api.part2.spec.js",
                        "api.part2",
                        "const api = require('../lib/api')",
                        "web/test/api.spec.js");
        assertThat(result.skipReasons("web/lib/api.js#api")).containsExactly("untestable-unit:variable");
    }
}
