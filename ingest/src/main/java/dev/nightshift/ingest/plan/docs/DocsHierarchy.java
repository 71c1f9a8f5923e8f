package dev.nightshift.ingest.plan.docs;

import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocLevel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Builds the folder tree of a repository's documentation as files arrive depth-first in path order: a folder is
 * complete as soon as a path outside it arrives, so only the folders on the current path are held.
 *
 * <p>A folder gets a summary when it has two or more children (documented files and summarised subfolders); a folder
 * with one child passes that child up to its parent, so a chain of single-entry folders ({@code src/main/java/org})
 * does not become a chain of summaries saying the same thing. The root's children are what the repository's
 * architecture document is built from.
 */
final class DocsHierarchy {
    private final Deque<Folder> open = new ArrayDeque<>();
    /** Each planned summary's children, by the summary's job id: a few entries per folder, kept for the architecture. */
    private final java.util.Map<String, List<DocChild>> summaries = new java.util.HashMap<>();

    private final BiFunction<Folder, List<DocChild>, DocChild> emitFolder;

    /** @param emitFolder plans a finished folder's summary from its children; returns the summary as a child */
    DocsHierarchy(BiFunction<Folder, List<DocChild>, DocChild> emitFolder) {
        this.emitFolder = emitFolder;
        open.push(new Folder(""));
    }

    /** A folder being walked: its path, its children so far, the test files it holds and whether it has a hand-written summary. */
    static final class Folder {
        final String path;
        final List<DocChild> children = new ArrayList<>();
        final List<String> testFiles = new ArrayList<>();
        boolean handWrittenDoc;
        /** The input the children's documents are expected to add to this folder's summary, in tokens. */
        long expectedTokens;

        Folder(String path) {
            this.path = path;
        }

        /** Children that are distinct documents (the parts of one file count once). */
        int distinctChildren() {
            return (int) children.stream()
                    .map(c -> c.level() == DocLevel.FILE ? fileOf(c.unitPath()) : c.unitPath())
                    .distinct()
                    .count();
        }
    }

    /** The folder a path is in, entered (and its finished siblings closed) as the walk reaches it. */
    Folder folderOf(String path) {
        String folder = parent(path);
        closeFoldersOutside(folder);
        while (!open.peek().path.equals(folder)) {
            String parentPath = open.peek().path;
            String rest = parentPath.isEmpty() ? folder : folder.substring(parentPath.length() + 1);
            int slash = rest.indexOf('/');
            open.push(new Folder(
                    parentPath.isEmpty()
                            ? rest.substring(0, slash < 0 ? rest.length() : slash)
                            : parentPath + "/" + rest.substring(0, slash < 0 ? rest.length() : slash)));
        }
        return open.peek();
    }

    /** What a summary is expected to add to its parent's input, in tokens. */
    static final long SUMMARY_TOKENS = 1_500;

    /**
     * What the architecture document is built from, after {@link #finish}: the root's children — a lone top folder
     * replaced by its children (a repository whose code sits under one {@code src/main} has its modules below it) —
     * and, when that leaves fewer than {@value #FEW_MODULES}, the summaries one level down as well, so the document
     * has modules to relate.
     */
    List<DocChild> architectureInputs() {
        List<DocChild> top = open.peek().children;
        while (top.size() == 1
                && top.get(0).level() == DocLevel.FOLDER
                && summaries.containsKey(top.get(0).jobId())) {
            top = summaries.get(top.get(0).jobId());
        }
        if (top.size() >= FEW_MODULES) {
            return top;
        }
        List<DocChild> expanded = new ArrayList<>(top);
        for (DocChild child : top) {
            for (DocChild grandchild : summaries.getOrDefault(child.jobId(), List.of())) {
                if (grandchild.level() == DocLevel.FOLDER) {
                    expanded.add(grandchild);
                }
            }
        }
        return expanded;
    }

    static final int FEW_MODULES = 3;

    /** Closes every folder; returns the root's children, for the architecture document. */
    List<DocChild> finish() {
        closeFoldersOutside("");
        return open.peek().children;
    }

    private void closeFoldersOutside(String folder) {
        while (open.size() > 1 && !isInside(folder, open.peek().path)) {
            Folder done = open.pop();
            Folder parent = open.peek();
            if (done.distinctChildren() >= 2) {
                long expected = done.expectedTokens;
                DocChild summary = emitFolder.apply(done, List.copyOf(done.children));
                summaries.put(summary.jobId(), List.copyOf(done.children));
                parent.children.add(summary);
                parent.expectedTokens += Math.min(expected, SUMMARY_TOKENS);
            } else {
                parent.children.addAll(done.children);
                parent.testFiles.addAll(done.testFiles);
                parent.expectedTokens += done.expectedTokens;
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

    static String fileOf(String unitPath) {
        int hash = unitPath.indexOf('#');
        return hash < 0 ? unitPath : unitPath.substring(0, hash);
    }
}
