package dev.nightshift.ingest.plan.tests.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import org.junit.jupiter.api.Test;

/** Python placement: pytest's configured folder in each of its four config files, src and flat layouts, unique names. */
class PythonPlacementTest {
    static final String INVOICE = """
            from decimal import Decimal


            class Invoice:
                def __init__(self, lines):
                    self.lines = lines


            def total(invoice):
                return _round(sum(invoice.lines, Decimal(0)))


            def _round(value):
                return value.quantize(Decimal("0.01"))
            """;
    static final String HELPER = "def helper(x):\n    return x * 2\n";

    @Test
    void pyprojectTestpathsAndTheSrcLayout() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("pyproject.toml", """
                        [build-system]
                        requires = ["setuptools>=68"]
                        build-backend = "setuptools.build_meta"

                        [project]
                        name = "acme-billing"
                        dependencies = ["requests>=2"]

                        [project.optional-dependencies]
                        dev = ["pytest>=8", "pytest-mock", "hypothesis"]

                        [tool.pytest.ini_options]
                        addopts = "-ra"
                        testpaths = [
                            "tests/unit",
                            "tests/integration",
                        ]

                        [tool.coverage.run]
                        source = ["acme"]
                        """)
                .file("src/acme/__init__.py", "")
                .file("src/acme/billing/__init__.py", "")
                .file("src/acme/billing/invoice.py", INVOICE);

        // When
        TestTarget target = repo.target("src/acme/billing/invoice.py");

        // Then
        assertThat(target.path()).isEqualTo("tests/unit/test_invoice.py");
        assertThat(target.name()).isEqualTo("test_invoice");
        assertThat(target.framework()).isEqualTo(TestFramework.PYTEST);
        assertThat(target.imports()).isEqualTo("from acme.billing.invoice import Invoice, total");
        assertThat(target.libraries()).containsExactly("hypothesis", "pytest-mock");
    }

    @Test
    void setupCfgTestpathsOnContinuationLinesAndAFlatLayout() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("setup.cfg", """
                        [metadata]
                        name = acme

                        [options]
                        packages = find:

                        [tool:pytest]
                        testpaths =
                            checks
                            docs
                        """)
                .file("acme/__init__.py", "")
                .file("acme/invoice.py", INVOICE);

        // When
        TestTarget target = repo.target("acme/invoice.py");

        // Then
        assertThat(target.path()).isEqualTo("checks/test_invoice.py");
        assertThat(target.imports()).isEqualTo("from acme.invoice import Invoice, total");
    }

    @Test
    void pytestIniWinsOverPyprojectAsInPytest() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("pytest.ini", "[pytest]\ntestpaths = qa\nmarkers =\n    slow: slow tests\n")
                .file("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n")
                .file("acme/invoice.py", INVOICE);

        // When
        TestTarget target = repo.target("acme/invoice.py");

        // Then
        assertThat(target.path()).isEqualTo("qa/test_invoice.py");
    }

    @Test
    void toxIniPytestSectionWithItsOwnTestFilePattern() {
        // Given
        PlacementFixture repo = new PlacementFixture().file("tox.ini", """
                        [tox]
                        envlist = py311, py312

                        [testenv]
                        deps = pytest
                        commands = pytest {posargs}

                        [pytest]
                        testpaths = t
                        python_files = check_*.py
                        """).file("acme/invoice.py", INVOICE);

        // When
        TestTarget target = repo.target("acme/invoice.py");

        // Then
        assertThat(target.path()).isEqualTo("t/check_invoice.py");
        assertThat(target.name()).isEqualTo("check_invoice");
        assertThat(target.framework()).isEqualTo(TestFramework.PYTEST);
    }

    @Test
    void withoutTestpathsTheExistingTopLevelTestFolderElseTests() {
        // Given
        PlacementFixture withTestFolder = new PlacementFixture()
                .file("acme/invoice.py", INVOICE)
                .file("test/test_other.py", "def test_other():\n    assert True\n");
        PlacementFixture bare = new PlacementFixture().file("acme/invoice.py", INVOICE);

        // Then
        assertThat(withTestFolder.target("acme/invoice.py").path()).isEqualTo("test/test_invoice.py");
        assertThat(bare.target("acme/invoice.py").path()).isEqualTo("tests/test_invoice.py");
    }

    @Test
    void modulesSharingANameGetTheirPackageInTheTestName() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("acme/a/utils.py", HELPER)
                .file("acme/b/utils.py", HELPER)
                .file("acme/report/__init__.py", "def render(rows):\n    return '\\n'.join(rows)\n")
                .file("acme/c/report.py", HELPER)
                .file("acme/solo.py", HELPER);

        // Then
        assertThat(repo.target("acme/a/utils.py").path()).isEqualTo("tests/test_a_utils.py");
        assertThat(repo.target("acme/b/utils.py").path()).isEqualTo("tests/test_b_utils.py");
        assertThat(repo.target("acme/b/utils.py").imports()).isEqualTo("from acme.b.utils import helper");
        TestTarget report = repo.target("acme/report/__init__.py");
        assertThat(report.path()).isEqualTo("tests/test_acme_report.py");
        assertThat(report.imports()).isEqualTo("from acme.report import render");
        assertThat(repo.target("acme/solo.py").path()).isEqualTo("tests/test_solo.py");
    }

    @Test
    void aRepositoryThatOnlyUsesUnittestGetsUnittestOneThatMentionsPytestAnywhereGetsPytest() {
        // Given
        String unittestModule = """
                import unittest
                from unittest import mock

                from acme.old import legacy


                class LegacyTest(unittest.TestCase):
                    def test_legacy(self):
                        self.assertEqual(legacy(), 1)


                if __name__ == "__main__":
                    unittest.main()
                """;
        PlacementFixture unittestOnly = new PlacementFixture()
                .file("setup.py", "from setuptools import setup\n\nsetup(name='acme', test_suite='tests')\n")
                .file("acme/invoice.py", INVOICE)
                .file("tests/__init__.py", "")
                .file("tests/test_old.py", unittestModule);
        PlacementFixture declaresPytest = new PlacementFixture()
                .file("requirements-dev.txt", "pytest==8.1.1\nfreezegun==1.4.0\n")
                .file("acme/invoice.py", INVOICE)
                .file("tests/test_old.py", unittestModule);

        // Then
        TestTarget unittest = unittestOnly.target("acme/invoice.py");
        assertThat(unittest.framework()).isEqualTo(TestFramework.UNITTEST);
        assertThat(unittest.path()).isEqualTo("tests/test_invoice.py");
        TestTarget pytest = declaresPytest.target("acme/invoice.py");
        assertThat(pytest.framework()).isEqualTo(TestFramework.PYTEST);
        assertThat(pytest.libraries()).containsExactly("freezegun");
    }

    @Test
    void aNestedProjectHasItsOwnTestsFolderAndImportRootAndPythonpathIsASourceRoot() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "services/api/pyproject.toml",
                        "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\npythonpath = [\"lib\"]\n")
                .file("services/api/handlers/orders.py", HELPER)
                .file("services/api/lib/tools/fmt.py", "def _pad(s):\n    return s.rjust(8)\n")
                .file("web/app.py", HELPER);

        // Then
        TestTarget orders = repo.target("services/api/handlers/orders.py");
        assertThat(orders.path()).isEqualTo("services/api/tests/test_orders.py");
        assertThat(orders.imports()).isEqualTo("from handlers.orders import helper");
        TestTarget fmt = repo.target("services/api/lib/tools/fmt.py");
        assertThat(fmt.imports()).as("only private names: the module itself").isEqualTo("import tools.fmt");
        assertThat(repo.target("web/app.py").path()).isEqualTo("tests/test_app.py");
    }

    @Test
    void anExistingTestOfTheSameNameIsKept() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("acme/invoice.py", INVOICE)
                .file(
                        "tests/test_invoice.py",
                        "from acme.invoice import total\n\ndef test_total():\n    assert total\n");

        // When
        TestTarget target = repo.target("acme/invoice.py");

        // Then
        assertThat(target.path()).isEqualTo("tests/test_invoice_generated.py");
        assertThat(target.name()).isEqualTo("test_invoice_generated");
    }
}
