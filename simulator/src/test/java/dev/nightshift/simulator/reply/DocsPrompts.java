package dev.nightshift.simulator.reply;

import java.util.List;
import java.util.Map;

/**
 * Docs prompts of the documentation hierarchy shaped exactly like the worker's: the ask, the header lines, the
 * code or the child documents in a fence, labelled blocks, and for a review the round, the findings and the
 * previous document. The system text comes first, a blank line before the user text, as the simulator joins them.
 */
public final class DocsPrompts {
    public static final String SYSTEM =
            "You are a senior software engineer writing reference documentation for one part of a "
                    + "repository. Write GitHub-flavoured Markdown. Describe only what the input shows; never invent names.";
    public static final String CONTINUE =
            "Continue exactly where your previous reply stopped. Do not repeat anything already written.";

    private DocsPrompts() {}

    /** The user text of a file's prompt; {@code symbols} null leaves the {@code Public symbols:} line out. */
    public static String file(String path, String language, List<String> symbols, String code) {
        String fence = WorkerPrompts.fenceFor(code);
        return "Document this file.\n"
                + "Path: " + path + "\n"
                + "Language: " + language + "\n"
                + "Level: file\n"
                + (symbols == null ? "" : "Public symbols: " + String.join(", ", symbols) + "\n")
                + fence + language + "\n" + code + (code.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    /** The user text of a part's prompt, with the outline of the whole file. */
    public static String part(
            String path, String language, List<String> symbols, int part, int parts, String code, String outline) {
        String fence = WorkerPrompts.fenceFor(code);
        String outlineFence = WorkerPrompts.fenceFor(outline);
        return "Document this file.\n"
                + "Path: " + path + "\n"
                + "Language: " + language + "\n"
                + "Level: file\n"
                + (symbols == null ? "" : "Public symbols: " + String.join(", ", symbols) + "\n")
                + "Part: " + part + " of " + parts + " (document only the members shown)\n"
                + fence + language + "\n" + code + (code.endsWith("\n") ? "" : "\n") + fence + "\n"
                + "Outline of the whole file:\n"
                + outlineFence + "text\n" + outline + (outline.endsWith("\n") ? "" : "\n") + outlineFence + "\n";
    }

    /** The user text of a folder's prompt: each file's document and each subfolder's summary, by path. */
    public static String folder(String path, Map<String, String> fileDocs, Map<String, String> subfolderDocs) {
        StringBuilder block = new StringBuilder();
        fileDocs.forEach((p, doc) -> block.append("### File: ")
                .append(p)
                .append("\n")
                .append(doc.strip())
                .append("\n\n"));
        subfolderDocs.forEach((p, doc) -> block.append("### Folder: ")
                .append(p)
                .append("\n")
                .append(doc.strip())
                .append("\n\n"));
        String content = block.toString().strip() + "\n";
        String fence = WorkerPrompts.fenceFor(content);
        return "Summarise this folder from its files' documentation.\n"
                + "Path: " + path + "\n"
                + "Language: text\n"
                + "Level: folder\n"
                + "Files: " + names(fileDocs.keySet()) + "\n"
                + "Subfolders: " + names(subfolderDocs.keySet()) + "\n"
                + fence + "markdown\n" + content + fence + "\n";
    }

    /** The user text of the repository's prompt: each module's summary and each build file, with the whole source when given. */
    public static String repository(
            Map<String, String> moduleSummaries, Map<String, String> buildFiles, String wholeSource) {
        StringBuilder block = new StringBuilder();
        moduleSummaries.forEach((m, doc) -> block.append("### Folder: ")
                .append(m)
                .append("\n")
                .append(doc.strip())
                .append("\n\n"));
        buildFiles.forEach((f, text) -> {
            String inner = WorkerPrompts.fenceFor(text);
            block.append("### Build file: ")
                    .append(f)
                    .append("\n")
                    .append(inner)
                    .append("xml\n")
                    .append(text.strip())
                    .append("\n")
                    .append(inner)
                    .append("\n\n");
        });
        String content = block.toString().strip() + "\n";
        String fence = WorkerPrompts.fenceFor(content);
        String prompt = "Describe this repository's architecture from its folder summaries and build files.\n"
                + "Path: ARCHITECTURE.md\n"
                + "Language: text\n"
                + "Level: repository\n"
                + "Modules: " + (moduleSummaries.isEmpty() ? "none" : String.join(", ", moduleSummaries.keySet()))
                + "\n"
                + fence + "markdown\n" + content + fence + "\n";
        if (wholeSource != null) {
            String sourceFence = WorkerPrompts.fenceFor(wholeSource);
            prompt += "Whole source (for reference):\n" + sourceFence + "text\n" + wholeSource
                    + (wholeSource.endsWith("\n") ? "" : "\n") + sourceFence + "\n";
        }
        return prompt;
    }

    /** A review round appended to a first try's user text. */
    public static String review(String firstTry, int round, String findings, String previousDocument) {
        String findingsFence = WorkerPrompts.fenceFor(findings);
        String docFence = WorkerPrompts.fenceFor(previousDocument);
        return firstTry
                + "\nReview round " + round + ": your previous document was rejected (docs-review).\n"
                + "Findings:\n"
                + findingsFence + "text\n" + findings + (findings.endsWith("\n") ? "" : "\n") + findingsFence + "\n"
                + "Previous document:\n"
                + docFence + "markdown\n" + previousDocument + (previousDocument.endsWith("\n") ? "" : "\n") + docFence
                + "\n"
                + "Reply with the corrected complete document only.\n";
    }

    /** The prompt as the simulator reads it: system text, a blank line, the user text. */
    public static String joined(String user) {
        return SYSTEM + "\n\n" + user;
    }

    private static String names(java.util.Collection<String> paths) {
        if (paths.isEmpty()) {
            return "none";
        }
        return String.join(
                ", ",
                paths.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList());
    }
}
