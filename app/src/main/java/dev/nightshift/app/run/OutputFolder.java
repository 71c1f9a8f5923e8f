package dev.nightshift.app.run;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.report.ReportFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where {@code run --out} may write, checked before anything starts: artifacts land under their repository paths,
 * so writing into a folder that holds other files (a source tree, a home folder) would overwrite them silently. An
 * earlier nightshift output is recognised by its report ({@value ReportFile#NAME}), which every run writes.
 */
public final class OutputFolder {
    private static final int NAMES_SHOWN = 3;

    private OutputFolder() {}

    /** @param force {@code --force-out}: write into a non-empty folder anyway */
    public static void check(Path outDir, boolean force) {
        if (Files.isDirectory(outDir)) {
            List<String> entries = entries(outDir);
            if (!entries.isEmpty() && !Files.isRegularFile(ReportFile.besideArtifacts(outDir)) && !force) {
                throw UserError.badInput(
                        "--out " + outDir + " is not empty (it holds " + describe(entries)
                                + ") and is not an earlier nightshift output; pass an empty or new folder, or add --force-out to write into it anyway");
            }
            return;
        }
        if (Files.exists(outDir)) {
            throw UserError.badInput("--out " + outDir + " is a file; pass a folder (an empty or new one)");
        }
        Path existing = outDir.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw UserError.badInput(
                    "--out " + outDir + " cannot be created: " + existing + " is a file; pass a folder path");
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw UserError.badInput("--out " + outDir + " cannot be created: " + existing
                    + " is not writable; pass a folder you can write to");
        }
    }

    private static List<String> entries(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list --out " + dir, e);
        }
    }

    private static String describe(List<String> entries) {
        String shown = String.join(", ", entries.subList(0, Math.min(NAMES_SHOWN, entries.size())));
        return entries.size() > NAMES_SHOWN ? shown + " and " + (entries.size() - NAMES_SHOWN) + " more" : shown;
    }
}
