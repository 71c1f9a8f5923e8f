package dev.nightshift.ingest.plan.tests.placement;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * pytest's options that decide where tests are collected and how they import the code, read from one of
 * the four files pytest takes them from. When a folder has several, pytest uses the first of
 * {@code pytest.ini} (even without a {@code [pytest]} section), {@code pyproject.toml} with
 * {@code [tool.pytest.ini_options]}, {@code tox.ini} with {@code [pytest]}, {@code setup.cfg} with
 * {@code [tool:pytest]}: {@link #rank} orders them so.
 *
 * @param testpaths   folders pytest collects from, relative to the config file's folder
 * @param pythonpath  folders pytest puts on {@code sys.path}
 * @param pythonFiles file name patterns of test modules
 */
record PytestConfig(int rank, List<String> testpaths, List<String> pythonpath, List<String> pythonFiles) {
    static final List<String> DEFAULT_PYTHON_FILES = List.of("test_*.py", "*_test.py");
    private static final Map<String, Integer> RANKS =
            Map.of("pytest.ini", 0, ".pytest.ini", 0, "pyproject.toml", 1, "tox.ini", 2, "setup.cfg", 3);

    PytestConfig {
        testpaths = List.copyOf(testpaths);
        pythonpath = List.copyOf(pythonpath);
        pythonFiles = pythonFiles.isEmpty() ? DEFAULT_PYTHON_FILES : List.copyOf(pythonFiles);
    }

    /** The pytest options in a config file, or empty when the file does not configure pytest. */
    static Optional<PytestConfig> read(String fileName, String text) {
        Integer rank = RANKS.get(fileName);
        if (rank == null) {
            return Optional.empty();
        }
        if (fileName.equals("pyproject.toml")) {
            // pytest 9 reads a native [tool.pytest] table too.
            return TomlTable.of(text, "tool.pytest.ini_options")
                    .or(() -> TomlTable.of(text, "tool.pytest"))
                    .map(t -> new PytestConfig(
                            rank,
                            spaced(t.strings("testpaths")),
                            spaced(t.strings("pythonpath")),
                            spaced(t.strings("python_files"))));
        }
        IniFile ini = IniFile.parse(text);
        String section = fileName.equals("setup.cfg") ? "tool:pytest" : "pytest";
        if (!ini.has(section) && rank != 0) {
            return Optional.empty();
        }
        return Optional.of(new PytestConfig(
                rank,
                ini.list(section, "testpaths"),
                ini.list(section, "pythonpath"),
                ini.list(section, "python_files")));
    }

    /** TOML strings that hold several space-separated entries ({@code python_files = "check_*.py test_*.py"}). */
    private static List<String> spaced(List<String> values) {
        return values.stream()
                .flatMap(v -> Arrays.stream(v.split("\\s+")))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
