package dev.nightshift.ingest.plan.docs;

import dev.nightshift.ingest.unit.FileUnits;
import dev.nightshift.ingest.unit.Unit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Builds one summary per folder from its files' units (names, kinds, signatures, line ranges — not their
 * code). The snapshot arrives depth-first in path order, so a folder is complete as soon as a path
 * outside it arrives: only the folders on the current path are held, whatever the repository's size.
 * A folder with fewer than {@link #MIN_FILES} source files gets no summary (its file's own job says it all).
 */
final class FolderSummaries {
    static final int MIN_FILES = 2;

    private final Deque<Folder> open = new ArrayDeque<>();
    private final BiConsumer<String, String> emit;

    /** @param emit receives (folder, summary text) for each finished folder */
    FolderSummaries(BiConsumer<String, String> emit) {
        this.emit = emit;
    }

    void add(FileUnits file, int lines) {
        String folder = parent(file.path());
        closeFoldersOutside(folder);
        Folder f = open.isEmpty() || !open.peek().path.equals(folder) ? push(folder) : open.peek();
        f.files++;
        f.text.append("## ").append(name(file.path())).append(" (").append(file.language()).append(", ")
                .append(lines).append(" lines)\n");
        for (Unit unit : file.units()) {
            f.text.append("- ").append(unit.kind()).append(' ').append(unit.name()).append(" (lines ")
                    .append(unit.startLine()).append('-').append(unit.endLine()).append("): ").append(unit.signature()).append('\n');
            for (Unit member : unit.members()) {
                if (!member.trivial()) {
                    f.text.append("  - ").append(member.kind()).append(' ').append(member.signature()).append('\n');
                }
            }
        }
        f.text.append('\n');
    }

    void finish() {
        closeFoldersOutside(null);
    }

    private Folder push(String folder) {
        // Register the folder as a subfolder of the nearest open ancestor.
        for (Folder ancestor : open) {
            if (isInside(folder, ancestor.path)) {
                String rest = ancestor.path.isEmpty() ? folder : folder.substring(ancestor.path.length() + 1);
                ancestor.subfolders.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
                break;
            }
        }
        Folder f = new Folder(folder);
        open.push(f);
        return f;
    }

    private void closeFoldersOutside(String folder) {
        while (!open.isEmpty() && (folder == null || !isInside(folder, open.peek().path))) {
            Folder done = open.pop();
            if (done.files >= MIN_FILES) {
                emit.accept(done.path, done.render());
            }
        }
    }

    private static boolean isInside(String folder, String ancestor) {
        return ancestor.isEmpty() || folder.equals(ancestor) || folder.startsWith(ancestor + "/");
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static final class Folder {
        final String path;
        final StringBuilder text = new StringBuilder();
        final Set<String> subfolders = new TreeSet<>();
        int files;

        Folder(String path) {
            this.path = path;
        }

        String render() {
            StringBuilder sb = new StringBuilder();
            sb.append("# Folder ").append(path.isEmpty() ? "/ (repository root)" : path).append(": ").append(files)
                    .append(" source files\n");
            if (!subfolders.isEmpty()) {
                sb.append("Subfolders: ").append(String.join(", ", subfolders)).append('\n');
            }
            return sb.append('\n').append(text).toString();
        }
    }
}
