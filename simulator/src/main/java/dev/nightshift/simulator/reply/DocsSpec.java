package dev.nightshift.simulator.reply;

import java.util.List;

/**
 * What a docs prompt of the documentation hierarchy states beyond the path and the code.
 *
 * @param publicSymbols the file's public symbols as listed ({@code Cart.add(Item)}), or null when the prompt lists
 *                      none — then the document follows the declarations it finds in the code
 * @param part          for a part of a split file, its number (1-based), else 1
 * @param parts         how many parts the file was split into, 1 when it was not
 * @param outline       for a part, the outline of the whole file, else null
 * @param files         a folder's files as its {@code Files:} header names them
 * @param subfolders    a folder's subfolders as its {@code Subfolders:} header names them
 * @param modules       the repository's modules as its {@code Modules:} header names them
 * @param wholeSource   the repository's whole source when the prompt adds it for reference, else null
 * @param testFiles     a folder's test files, named after its documents ({@code Test files here …: a, b}), which get
 *                      no document of their own
 * @param buildFiles    the build files the repository prompt gives in a block of their own ({@code ==> pom.xml <==})
 */
public record DocsSpec(
        DocLevel level,
        List<String> publicSymbols,
        int part,
        int parts,
        String outline,
        List<String> files,
        List<String> subfolders,
        List<String> modules,
        String wholeSource,
        List<String> testFiles,
        List<String> buildFiles) {
    public DocsSpec {
        publicSymbols = publicSymbols == null ? null : List.copyOf(publicSymbols);
        files = files == null ? List.of() : List.copyOf(files);
        subfolders = subfolders == null ? List.of() : List.copyOf(subfolders);
        modules = modules == null ? List.of() : List.copyOf(modules);
        testFiles = testFiles == null ? List.of() : List.copyOf(testFiles);
        buildFiles = buildFiles == null ? List.of() : List.copyOf(buildFiles);
    }

    public boolean split() {
        return parts > 1;
    }
}
