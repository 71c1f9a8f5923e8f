package dev.nightshift.core.config;

import java.util.Locale;

/**
 * How documentation is planned and checked.
 *
 * @param testFiles          {@code exclude} (default): test files get no document of their own, their folder's summary
 *                           names them; {@code include}: they are documented like any file
 * @param folderDocName      the file name of a folder's summary (default {@code README.md})
 * @param conflictDocName    written instead when the folder already has a hand-written {@code folderDocName}
 *                           (default {@code README.nightshift.md}): nothing hand-written is overwritten
 * @param continuations      follow-up calls allowed to complete a reply cut at the output limit (default 2); when
 *                           still cut, the job escalates to a model with a larger output limit
 * @param fileJobTokens      a file (or type) above this many tokens is split at member boundaries (default 24,000)
 * @param fileOutputMin      smallest output budget of a file's document (default 1,024); it grows with the input up
 *                           to {@code jobs.maxOutputTokens.docs}
 * @param folderOutputTokens most output a folder's summary gets (default 4,096); it grows with the folder's children
 * @param repositoryOutputTokens most output the architecture document gets (default 8,192); it grows with the modules
 * @param folderInputTokens  most input a folder's summary is given; above it each child is reduced to its purpose
 *                           (default 60,000)
 */
public record DocsConfig(
        String testFiles,
        String folderDocName,
        String conflictDocName,
        Integer continuations,
        Integer fileJobTokens,
        Integer fileOutputMin,
        Integer folderOutputTokens,
        Integer repositoryOutputTokens,
        Integer folderInputTokens) {
    public static final DocsConfig DEFAULTS = new DocsConfig(null, null, null, null, null, null, null, null, null);

    public DocsConfig {
        testFiles = testFiles == null ? "exclude" : testFiles.strip().toLowerCase(Locale.ROOT);
        if (!testFiles.equals("exclude") && !testFiles.equals("include")) {
            throw new ConfigException("docs.testFiles must be 'exclude' or 'include', got '" + testFiles + "'");
        }
        folderDocName = fileName("docs.folderDocName", folderDocName, "README.md");
        conflictDocName = fileName("docs.conflictDocName", conflictDocName, "README.nightshift.md");
        if (folderDocName.equals(conflictDocName)) {
            throw new ConfigException(
                    "docs.conflictDocName must differ from docs.folderDocName ('" + folderDocName + "')");
        }
        continuations = atLeast("docs.continuations", continuations, 2, 0);
        fileJobTokens = atLeast("docs.fileJobTokens", fileJobTokens, 24_000, 500);
        fileOutputMin = atLeast("docs.fileOutputMin", fileOutputMin, 1_024, 64);
        folderOutputTokens = atLeast("docs.folderOutputTokens", folderOutputTokens, 4_096, 64);
        repositoryOutputTokens = atLeast("docs.repositoryOutputTokens", repositoryOutputTokens, 8_192, 64);
        folderInputTokens = atLeast("docs.folderInputTokens", folderInputTokens, 60_000, 1_000);
    }

    public boolean includeTestFiles() {
        return testFiles.equals("include");
    }

    /** A file's output budget: half its input, within [{@code fileOutputMin}, {@code most}]. */
    public int fileOutputTokens(long inputTokens, int most) {
        return (int) Math.min(most, Math.max(fileOutputMin, inputTokens / 2));
    }

    /** A folder summary's output budget: room for a bullet and a sentence per child, within [1,024, the most]. */
    public int folderOutputTokens(int children) {
        return (int) Math.min(folderOutputTokens, Math.max(1_024L, 512L + 300L * children));
    }

    /** The architecture document's output budget: room per module and for the diagram, within [2,048, the most]. */
    public int repositoryOutputTokens(int modules) {
        return (int) Math.min(repositoryOutputTokens, Math.max(2_048L, 1_536L + 400L * modules));
    }

    private static int atLeast(String key, Integer value, int fallback, int min) {
        int v = value == null ? fallback : value;
        if (v < min) {
            throw new ConfigException(key + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    private static String fileName(String key, String value, String fallback) {
        String v = value == null || value.isBlank() ? fallback : value.strip();
        if (v.contains("/") || v.contains("\\") || !v.endsWith(".md") || v.length() <= 3) {
            throw new ConfigException(key + " must be a plain Markdown file name ending in .md, got '" + v + "'");
        }
        return v;
    }
}
