package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder's summary, built from its files' documents and its subfolders' summaries as the prompt carries them: what
 * lives here (each child with the first sentence of its own document), how the parts relate, and the subfolders.
 * It names only the children the prompt names, so it never invents a file.
 */
final class FolderDoc {
    private static final String NO_DOCUMENT = "No documentation was given for it.";

    private FolderDoc() {}

    static String write(UnitPrompt unit, DocsSpec spec) {
        List<ChildDoc> given = ChildDoc.parse(unit.code());
        List<ChildDoc> files = children(given, ChildDoc.Kind.FILE, spec.files(), unit.path());
        List<ChildDoc> folders = children(given, ChildDoc.Kind.FOLDER, spec.subfolders(), unit.path());
        String folder = unit.path().isBlank() ? "." : unit.path();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(folder).append("\n\n");
        md.append("## What lives here\n\n");
        if (files.isEmpty() && folders.isEmpty() && spec.testFiles().isEmpty()) {
            md.append("Nothing: the folder has no documented files or subfolders.\n");
        }
        for (ChildDoc c : files) {
            md.append("- ")
                    .append(Markdown.code(c.name()))
                    .append(" — ")
                    .append(summary(c))
                    .append('\n');
        }
        for (ChildDoc c : folders) {
            md.append("- ")
                    .append(Markdown.code(c.name() + "/"))
                    .append(" — ")
                    .append(summary(c))
                    .append('\n');
        }
        for (String test : spec.testFiles()) {
            md.append("- ")
                    .append(Markdown.code(test))
                    .append(" — a test file: it checks the files above and has no document of its own.\n");
        }
        md.append("\n## How the parts relate\n\n")
                .append(relation(folder, files, folders))
                .append('\n');
        if (!folders.isEmpty()) {
            md.append("\n## Subfolders\n\n");
            for (ChildDoc c : folders) {
                md.append("- ")
                        .append(Markdown.code(c.name()))
                        .append(" — summarised in its own document, ")
                        .append(Markdown.code(c.path()))
                        .append(".\n");
            }
        }
        return md.toString();
    }

    /**
     * The children of one kind: those the header names, in its order, with the document the block gives each, then
     * any the block gives that the header left out.
     */
    private static List<ChildDoc> children(
            List<ChildDoc> given, ChildDoc.Kind kind, List<String> named, String folder) {
        Map<String, ChildDoc> byName = new LinkedHashMap<>();
        for (ChildDoc c : given) {
            if (c.kind() == kind) {
                byName.putIfAbsent(c.name(), c);
            }
        }
        List<ChildDoc> out = new ArrayList<>();
        for (String name : named) {
            ChildDoc c = byName.remove(name);
            String path = folder.isBlank() || folder.equals(".") ? name : folder + "/" + name;
            out.add(c != null ? c : new ChildDoc(kind, path, ""));
        }
        out.addAll(byName.values());
        return out;
    }

    static String summary(ChildDoc child) {
        String sentence = Markdown.firstSentence(child.text());
        return sentence == null ? NO_DOCUMENT : sentence;
    }

    private static String relation(String folder, List<ChildDoc> files, List<ChildDoc> folders) {
        List<String> fileNames = files.stream().map(ChildDoc::name).toList();
        List<String> folderNames = folders.stream().map(ChildDoc::name).toList();
        StringBuilder p = new StringBuilder();
        p.append(Markdown.code(folder));
        if (fileNames.isEmpty() && folderNames.isEmpty()) {
            return p.append(" holds nothing documented yet; this summary will list its parts once they have documents.")
                    .toString();
        }
        if (fileNames.isEmpty()) {
            p.append(" holds no files of its own and groups the subfolders ")
                    .append(Markdown.listing(folderNames))
                    .append('.');
        } else {
            p.append(" brings together ").append(Markdown.listing(fileNames));
            if (!folderNames.isEmpty()) {
                p.append(", with ")
                        .append(Markdown.listing(folderNames))
                        .append(folderNames.size() == 1 ? " beneath it" : " beneath them");
            }
            p.append('.');
        }
        if (fileNames.size() > 1) {
            p.append(" The files sit side by side: ")
                    .append(Markdown.code(fileNames.get(0)))
                    .append(
                            " comes first in the folder, and the others build on the same types and conventions, so read their documents together.");
        } else if (fileNames.size() == 1) {
            p.append(" ").append(Markdown.code(fileNames.get(0))).append(" carries the folder's own code on its own.");
        }
        if (!folderNames.isEmpty()) {
            p.append(" ")
                    .append(Markdown.listing(folderNames))
                    .append(folderNames.size() == 1 ? " narrows" : " narrow")
                    .append(" the folder's subject further; each subfolder's summary covers its own files.");
        }
        return p.toString();
    }
}
