package dev.nightshift.simulator.reply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The repository's architecture document, built from its modules' folder summaries and its build files: overview,
 * modules with the first sentence of each summary, data flow, entry points, and a Mermaid diagram of the modules.
 */
final class ArchitectureDoc {
    private static final Pattern ENTRY_MODULE =
            Pattern.compile("(?i)^(app|application|cli|cmd|main|server|service|web|api|bin|worker)([-_].*)?$");
    private static final Pattern MAIN_FUNCTION = Pattern.compile(
            "static\\s+void\\s+main\\s*\\(|__name__\\s*==\\s*['\"]__main__['\"]|\\bfunc\\s+main\\s*\\(|\\bfn\\s+main\\s*\\(");

    private ArchitectureDoc() {}

    static String write(UnitPrompt unit, DocsSpec spec) {
        List<ChildDoc> given = ChildDoc.parse(unit.code());
        List<ChildDoc> modules = modules(given, spec.modules());
        List<String> names = modules.stream().map(ChildDoc::path).toList();
        // Build files come as sections of the summaries' block or in a block of their own; either way by name only.
        Set<String> builds = new LinkedHashSet<>();
        given.stream().filter(c -> c.kind() == ChildDoc.Kind.BUILD_FILE).forEach(c -> builds.add(c.path()));
        builds.addAll(spec.buildFiles());
        StringBuilder md = new StringBuilder("# Architecture\n\n");
        md.append("## Overview\n\n")
                .append(overview(names, List.copyOf(builds)))
                .append("\n\n");
        md.append("## Modules\n\n");
        if (modules.isEmpty()) {
            md.append("The prompt names no modules; the repository is one unit.\n\n");
        }
        for (ChildDoc m : modules) {
            md.append("### ")
                    .append(Markdown.code(m.path()))
                    .append("\n\n")
                    .append(FolderDoc.summary(m))
                    .append("\n\n");
        }
        md.append("## Data flow\n\n").append(dataFlow(names)).append("\n\n");
        md.append("## Entry points\n\n");
        for (String entry : entryPoints(names, List.copyOf(builds), spec.wholeSource())) {
            md.append("- ").append(entry).append('\n');
        }
        md.append("\n## Module diagram\n\n```mermaid\n").append(diagram(names)).append("```\n");
        return md.toString();
    }

    /**
     * The modules the header names, in its order, with the summaries the block gives, then any it gives beyond them.
     * A file at the top of the repository is a module of its own, named by its file name.
     */
    private static List<ChildDoc> modules(List<ChildDoc> given, List<String> named) {
        Map<String, ChildDoc> byName = new LinkedHashMap<>();
        for (ChildDoc c : given) {
            if (c.kind() == ChildDoc.Kind.FOLDER) {
                byName.putIfAbsent(c.path(), c);
            } else if (c.kind() == ChildDoc.Kind.FILE) {
                byName.putIfAbsent(c.name(), new ChildDoc(c.kind(), c.name(), c.text()));
            }
        }
        List<ChildDoc> out = new ArrayList<>();
        for (String name : named) {
            ChildDoc c = byName.remove(name);
            out.add(c != null ? c : new ChildDoc(ChildDoc.Kind.FOLDER, name, ""));
        }
        out.addAll(byName.values());
        return out;
    }

    private static String overview(List<String> modules, List<String> builds) {
        StringBuilder p = new StringBuilder();
        if (modules.isEmpty()) {
            p.append("The repository is a single module");
        } else {
            p.append("The repository is organised into ")
                    .append(modules.size())
                    .append(modules.size() == 1 ? " module, " : " modules: ")
                    .append(Markdown.listing(modules));
        }
        if (!builds.isEmpty()) {
            p.append(", built by ").append(Markdown.listing(builds));
        }
        return p.append(
                        ". This document connects the modules' own summaries; read those for the files inside each module.")
                .toString();
    }

    private static String dataFlow(List<String> modules) {
        if (modules.size() < 2) {
            return "With one module there is no flow between modules: the work starts and ends inside "
                    + (modules.isEmpty() ? "the repository" : Markdown.code(modules.get(0))) + ".";
        }
        StringBuilder p = new StringBuilder("Work moves through the modules in the order the repository lists them: ");
        p.append(String.join(" → ", modules.stream().map(Markdown::code).toList()))
                .append(". ");
        p.append(Markdown.code(modules.get(0)))
                .append(
                        " comes first and depends on none of the others; each later module builds on what the one before it provides, and ")
                .append(Markdown.code(modules.get(modules.size() - 1)))
                .append(" is where the results leave the repository.");
        return p.toString();
    }

    private static List<String> entryPoints(List<String> modules, List<String> builds, String wholeSource) {
        List<String> out = new ArrayList<>();
        for (String m : modules) {
            if (ENTRY_MODULE.matcher(m.substring(m.lastIndexOf('/') + 1)).matches()) {
                out.add(Markdown.code(m) + " — its name marks it as where the program starts.");
            }
        }
        if (out.isEmpty() && !modules.isEmpty()) {
            String last = modules.get(modules.size() - 1);
            out.add(Markdown.code(last) + " — the last module in the flow, so the one callers reach first.");
        }
        if (wholeSource != null && MAIN_FUNCTION.matcher(wholeSource).find()) {
            out.add("A `main` function in the source starts the program; the build files say how to run it.");
        }
        for (String b : builds) {
            out.add(Markdown.code(b) + " — the build file; building from it produces every module.");
        }
        if (out.isEmpty()) {
            out.add("None stand out: the repository is a library, used by code elsewhere.");
        }
        return out;
    }

    /** {@code graph TD} with a node per module and an edge between consecutive modules; ids are letters, digits and underscores only. */
    static String diagram(List<String> modules) {
        StringBuilder g = new StringBuilder("graph TD\n");
        if (modules.isEmpty()) {
            return g.append("    repository[\"repository\"]\n").toString();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            String id = "m" + (i + 1) + "_" + modules.get(i).replaceAll("[^A-Za-z0-9_]", "_");
            ids.add(id);
            g.append("    ")
                    .append(id)
                    .append("[\"")
                    .append(modules.get(i).replace("\"", "#quot;"))
                    .append("\"]\n");
        }
        for (int i = 1; i < ids.size(); i++) {
            g.append("    ")
                    .append(ids.get(i - 1))
                    .append(" --> ")
                    .append(ids.get(i))
                    .append('\n');
        }
        return g.toString();
    }
}
