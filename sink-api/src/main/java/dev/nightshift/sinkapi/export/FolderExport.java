package dev.nightshift.sinkapi.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a run's artifacts under a folder, mirroring the repository's paths (see {@link ExportPlan} for which:
 * passing ones, split tests merged, rejected ones apart with {@code --all}). Each file is written to a temporary
 * sibling and moved into place, so a reader never sees half a file; existing files are replaced. Both
 * {@code nightshift export --to} and {@code nightshift run --out} write through here.
 */
public final class FolderExport {
    private FolderExport() {}

    public static ExportReport export(ArtifactSource source, Path dir) {
        return export(source, dir, ExportOptions.PASSING);
    }

    /** A file at {@code path} under {@code dir} that nightshift did not write. */
    private static boolean handWritten(Path dir, String path) {
        try {
            Path target = SafePaths.resolveInside(dir, path);
            return Files.isRegularFile(target) && SimulatedMark.handWritten(Files.readAllBytes(target));
        } catch (UnsafePathException | IOException e) {
            return false;
        }
    }

    public static ExportReport export(ArtifactSource source, Path dir, ExportOptions options) {
        ExportPlan plan = ExportPlan.of(source, options).keepingHandWritten(path -> handWritten(dir, path));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ExportException(
                    "cannot create the export folder " + dir + ": " + e.getMessage() + "; choose a writable folder", e);
        }
        List<String> written = new ArrayList<>();
        List<ExportReport.Refused> refused = new ArrayList<>(plan.refused());
        for (ExportPlan.File f : plan.files().values()) {
            try {
                Path target = SafePaths.resolveInside(dir, f.path());
                Files.createDirectories(target.getParent());
                // the folders just created may not be links, but a racing writer could swap one: check again
                SafePaths.resolveInside(dir, f.path());
                Path tmp = Files.createTempFile(target.getParent(), ".nightshift-", ".tmp");
                Files.writeString(tmp, f.text(), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(f.path());
            } catch (UnsafePathException ex) {
                f.jobIds().forEach(id -> refused.add(new ExportReport.Refused(id, f.path(), ex.getMessage())));
            } catch (IOException ex) {
                throw new ExportException("cannot write " + f.path() + " under " + dir + ": " + ex.getMessage(), ex);
            }
        }
        return new ExportReport(plan.run().runId(), dir.toString(), written, refused, null, plan.notes());
    }
}
