package dev.nightshift.simulator.reply;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The document for a docs prompt outside the documentation hierarchy (free wording, no {@code Level:}): title with
 * the path, overview, a section per top-level declaration, notes.
 */
final class OutlineDoc {
    private OutlineDoc() {}

    static String write(UnitPrompt unit) {
        List<Declaration> decls = CodeOutline.declarations(unit.code(), unit.language());
        long lines = unit.code().lines().count();
        String lang = Languages.display(unit.language());
        StringBuilder md = new StringBuilder();
        md.append("# `").append(unit.path()).append("`\n\n");
        md.append("## Overview\n\n");
        md.append("`")
                .append(unit.fileName())
                .append("` is a ")
                .append(lang)
                .append(" source file of ")
                .append(lines)
                .append(lines == 1 ? " line" : " lines")
                .append(". ");
        long types = decls.stream().filter(Declaration::isType).count();
        long functions = decls.size() - types;
        if (decls.isEmpty()) {
            md.append("It has no top-level declarations that stand out, so this page describes it as a whole.\n\n");
        } else {
            md.append("It declares ")
                    .append(count(types, "type"))
                    .append(" and ")
                    .append(count(functions, "function"))
                    .append(": ")
                    .append(decls.stream().map(d -> "`" + d.name() + "`").collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
        md.append(
                "Read it together with the modules that import it; the sections below follow the order of the source.\n\n");
        for (Declaration d : decls) {
            md.append(d.isType() ? "## " : "### ")
                    .append("`")
                    .append(d.kind())
                    .append(' ')
                    .append(d.name())
                    .append("`\n\n");
            md.append("```")
                    .append(unit.language())
                    .append('\n')
                    .append(d.signature())
                    .append("\n```\n\n");
            md.append(describe(d)).append("\n\n");
        }
        md.append("## Notes\n\n");
        md.append("- Generated from the file's content at the given commit; regenerate after the file changes.\n");
        return md.toString();
    }

    private static String describe(Declaration d) {
        String words = Markdown.humanise(d.name());
        if (d.isType()) {
            return "`" + d.name() + "` (line " + d.line() + ") is the " + d.kind() + " that models " + words
                    + ". Its public members are documented below where they appear at the top level.";
        }
        return "`" + d.name() + "` (line " + d.line() + ") handles " + words
                + ". It takes the arguments shown in its signature and returns its result to the caller; it has no documented side effects.";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
