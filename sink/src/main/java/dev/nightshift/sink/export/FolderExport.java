package dev.nightshift.sink.export;

import dev.nightshift.sink.artifact.ArtifactRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's artifacts under a folder, mirroring the repository's paths. Each file is written to a
 * temporary sibling and moved into place, so a reader never sees half a file; existing files are replaced.
 */
public final class FolderExport {
    private FolderExport() {
    }

    public static ExportReport export(ArtifactSource source, Path dir) {
        ExportPlan plan = ExportPlan.of(source);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ExportException("cannot create the export folder " + dir + ": " + e.getMessage()
                    + "; choose a writable folder", e);
        }
        List<String> written = new ArrayList<>();
        List<ExportReport.Refused> refused = new ArrayList<>(plan.refused());
        for (Map.Entry<String, ArtifactRecord> e : plan.byPath().entrySet()) {
            try {
                Path target = SafePaths.resolveInside(dir, e.getKey());
                Files.createDirectories(target.getParent());
                // the folders just created may not be links, but a racing writer could swap one: check again
                SafePaths.resolveInside(dir, e.getKey());
                Path tmp = Files.createTempFile(target.getParent(), ".nightshift-", ".tmp");
                Files.writeString(tmp, plan.text(e.getValue()), StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(e.getKey());
            } catch (UnsafePathException ex) {
                refused.add(new ExportReport.Refused(e.getValue().jobId(), e.getKey(), ex.getMessage()));
            } catch (IOException ex) {
                throw new ExportException("cannot write " + e.getKey() + " under " + dir + ": " + ex.getMessage(), ex);
            }
        }
        return new ExportReport(plan.run().runId(), dir.toString(), written, refused, null);
    }
}
