package dev.nightshift.app.run;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.sinkapi.client.SinkClient;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.export.ExportException;
import dev.nightshift.sinkapi.export.ExportOptions;
import dev.nightshift.sinkapi.export.ExportReport;
import dev.nightshift.sinkapi.export.FolderExport;
import java.nio.file.Path;

/**
 * {@code run --out}: writes a run's artifacts under the output folder with the one folder writer,
 * {@link FolderExport}, and the options {@code nightshift export --to} writes with, so a run exported either way gives
 * the same files. Unlike {@code export}, which warns, a refused path fails the run: its folder is then incomplete.
 */
public final class ArtifactWriter {
    private final Path outDir;

    public ArtifactWriter(Path outDir) {
        this.outDir = outDir.toAbsolutePath().normalize();
    }

    /** @return how many files were written */
    public int writeAll(ArtifactSource run) {
        ExportReport report;
        try {
            report = FolderExport.export(run, outDir, ExportOptions.forPeople(false));
        } catch (ExportException e) {
            if (e.getCause() instanceof SinkClient.SinkClientException) {
                throw UserError.failed("cannot read the run's artifacts: " + e.getMessage());
            }
            throw UserError.failed(e.getMessage() + "; check --out is writable");
        }
        if (!report.refused().isEmpty()) {
            throw UserError.failed(report.refused().get(0).reason() + " (output folder " + outDir + ")");
        }
        return report.written().size();
    }
}
