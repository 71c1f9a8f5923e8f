package dev.nightshift.ingest.plan.tests.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.nightshift.core.validation.TestTarget;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A unit split into several jobs still ends in one test file: parts share {@code mergeInto}, each has its own file. */
class SplitTestFilesTest {

    private static List<TestTarget> parts(PlacementFixture repo, String source, int parts) {
        return IntStream.rangeClosed(1, parts)
                .mapToObj(p -> repo.targetOf(source, p, parts).orElseThrow())
                .toList();
    }

    @Test
    void javaPartsAreFooPartKTestClassesMergedIntoFooTest() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("pom.xml", JavaPlacementTest.SERVICE_POM)
                .file(
                        "src/main/java/com/acme/Ledger.java",
                        "package com.acme;\n\npublic class Ledger {\n    int f() {\n        return 1;\n    }\n}\n");

        // Then
        assertThat(parts(repo, "src/main/java/com/acme/Ledger.java", 3))
                .extracting(
                        TestTarget::path, TestTarget::name, TestTarget::mergeInto, TestTarget::part, TestTarget::parts)
                .containsExactly(
                        tuple(
                                "src/test/java/com/acme/LedgerTest.java",
                                "LedgerTest",
                                "src/test/java/com/acme/LedgerTest.java",
                                1,
                                3),
                        tuple(
                                "src/test/java/com/acme/LedgerPart2Test.java",
                                "LedgerPart2Test",
                                "src/test/java/com/acme/LedgerTest.java",
                                2,
                                3),
                        tuple(
                                "src/test/java/com/acme/LedgerPart3Test.java",
                                "LedgerPart3Test",
                                "src/test/java/com/acme/LedgerTest.java",
                                3,
                                3));
    }

    @Test
    void pythonPartsAreTestFooPartKModules() {
        // Given
        PlacementFixture repo = new PlacementFixture().file("acme/ledger.py", "def post(entry):\n    return entry\n");

        // Then
        assertThat(parts(repo, "acme/ledger.py", 2))
                .extracting(TestTarget::path, TestTarget::name, TestTarget::mergeInto)
                .containsExactly(
                        tuple("tests/test_ledger.py", "test_ledger", "tests/test_ledger.py"),
                        tuple("tests/test_ledger_part2.py", "test_ledger_part2", "tests/test_ledger.py"));
    }

    @Test
    void javascriptPartsAreFooPartKTestFiles() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "package.json",
                        "{ \"scripts\": { \"test\": \"jest\" }, \"devDependencies\": { \"jest\": \"^29.7.0\" } }")
                .file("src/ledger.js", "exports.post = (entry) => entry;\n");

        // Then
        assertThat(parts(repo, "src/ledger.js", 2))
                .extracting(TestTarget::path, TestTarget::name, TestTarget::mergeInto)
                .containsExactly(
                        tuple("src/ledger.test.js", "ledger", "src/ledger.test.js"),
                        tuple("src/ledger.part2.test.js", "ledger.part2", "src/ledger.test.js"));
    }

    @Test
    void goPartsAreFooPartKTestFilesKeepingTheirBuildConstraintLast() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("go.mod", "module example.com/x\n\ngo 1.22\n")
                .file("ledger.go", "package ledger\n\nfunc Post(e int) int {\n\treturn e\n}\n")
                .file("ledger_linux_amd64.go", "package ledger\n\nfunc fsync() error {\n\treturn nil\n}\n");

        // Then
        assertThat(parts(repo, "ledger.go", 2))
                .extracting(TestTarget::path, TestTarget::name, TestTarget::mergeInto)
                .containsExactly(
                        tuple("ledger_test.go", "ledger", "ledger_test.go"),
                        tuple("ledger_part2_test.go", "ledger", "ledger_test.go"));
        assertThat(parts(repo, "ledger_linux_amd64.go", 2))
                .extracting(TestTarget::path)
                .containsExactly("ledger_linux_amd64_test.go", "ledger_part2_linux_amd64_test.go");
    }

    @Test
    void aPartWhoseFileIsTakenMovesTheWholeSetToAFreeName() {
        // Given an existing second part from an earlier export
        PlacementFixture repo = new PlacementFixture()
                .file("acme/ledger.py", "def post(entry):\n    return entry\n")
                .file("tests/test_ledger_part2.py", "def test_post():\n    pass\n");

        // Then
        assertThat(parts(repo, "acme/ledger.py", 2))
                .extracting(TestTarget::path)
                .containsExactly("tests/test_ledger_generated.py", "tests/test_ledger_generated_part2.py");
        assertThat(repo.targetOf("acme/ledger.py", 1, 1).orElseThrow().path()).isEqualTo("tests/test_ledger.py");
    }
}
