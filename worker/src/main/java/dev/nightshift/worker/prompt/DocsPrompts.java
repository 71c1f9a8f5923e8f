package dev.nightshift.worker.prompt;

import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import dev.nightshift.core.docs.DocsTarget;
import dev.nightshift.core.docs.Fences;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.validation.Repair;
import java.util.List;

/**
 * The user part of a documentation prompt, one shape per level: header lines a model (and the simulator) can read to
 * the letter ({@code Path:}, {@code Language:}, {@code Level:}, then the level's own), then the input. A file's input
 * is its source in a fence (and for a part, the whole file's outline after it); a folder's or the repository's input
 * was composed from its children's documents and arrives already fenced.
 */
final class DocsPrompts {
    private DocsPrompts() {}

    static String user(Job job) {
        DocsTarget docs = job.docs();
        return switch (docs.level()) {
            case FILE -> file(job, docs);
            case FOLDER ->
                "Summarise this folder from its files' documentation.\n"
                        + "Path: " + folderOf(job.unitPath()) + "\n"
                        + "Language: text\n"
                        + "Level: folder\n"
                        + "Files: " + names(docs.children(), DocLevel.FILE) + "\n"
                        + "Subfolders: " + names(docs.children(), DocLevel.FOLDER) + "\n"
                        + job.content() + (job.content().endsWith("\n") ? "" : "\n");
            case REPOSITORY ->
                "Describe this repository's architecture from its folder summaries and build files.\n"
                        + "Path: " + docs.docPath() + "\n"
                        + "Language: text\n"
                        + "Level: repository\n"
                        + "Modules: " + modules(docs.children()) + "\n"
                        + job.content() + (job.content().endsWith("\n") ? "" : "\n");
        };
    }

    private static String file(Job job, DocsTarget docs) {
        String language = job.language() == null || job.language().isBlank() ? "text" : job.language();
        StringBuilder out = new StringBuilder("Document this file.\n")
                .append("Path: ")
                .append(job.unitPath())
                .append('\n')
                .append("Language: ")
                .append(language)
                .append('\n')
                .append("Level: file\n");
        if (!docs.symbols().isEmpty()) {
            out.append("Public symbols: ")
                    .append(String.join(", ", docs.symbols()))
                    .append('\n');
        }
        if (docs.split()) {
            out.append("Part: ")
                    .append(docs.part())
                    .append(" of ")
                    .append(docs.parts())
                    .append(" (document only the members shown)\n");
        }
        out.append(Fences.fenced(language, job.content()));
        if (docs.split() && !docs.outline().isEmpty()) {
            out.append("Outline of the whole file:\n").append(Fences.fenced("text", docs.outline()));
        }
        return out.toString();
    }

    /** The review round: the findings and the previous document; the model corrects its own document. */
    static String reviewSection(Repair repair) {
        return "\nReview round " + repair.round() + ": your previous document was rejected (docs-review).\n"
                + "Findings:\n" + Fences.fenced("text", repair.diagnostics())
                + "Previous document:\n" + Fences.fenced("markdown", repair.previousTest())
                + "Reply with the corrected complete document only.\n";
    }

    private static String names(List<DocChild> children, DocLevel level) {
        List<String> names = children.stream()
                .filter(c -> c.level() == level)
                .map(c -> level == DocLevel.FILE ? fileName(c.unitPath()) : lastSegment(folderOf(c.unitPath())))
                .distinct()
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String modules(List<DocChild> children) {
        List<String> names = children.stream()
                .map(c -> c.level() == DocLevel.FOLDER ? folderOf(c.unitPath()) : filePath(c.unitPath()))
                .distinct()
                .toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** A summary's unit is {@code folder/README}: the folder is what it summarises. */
    private static String folderOf(String unitPath) {
        int slash = unitPath.lastIndexOf('/');
        return slash < 0 ? "." : unitPath.substring(0, slash);
    }

    /** The name the header gives a child: its last path segment (its section in the input gives the whole path). */
    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** A module's name is its path, as its section in the input heads it ({@code ### Folder: src/core}). */
    private static String filePath(String unitPath) {
        return unitPath.contains("#") ? unitPath.substring(0, unitPath.indexOf('#')) : unitPath;
    }

    private static String fileName(String unitPath) {
        String file = unitPath.contains("#") ? unitPath.substring(0, unitPath.indexOf('#')) : unitPath;
        return file.substring(file.lastIndexOf('/') + 1);
    }
}
