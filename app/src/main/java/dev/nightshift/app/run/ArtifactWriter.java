package dev.nightshift.app.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.UserError;
import dev.nightshift.core.codec.Json;
import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.export.ArtifactSource;
import dev.nightshift.sinkapi.export.ExportException;
import dev.nightshift.sinkapi.export.ExportOptions;
import dev.nightshift.sinkapi.export.ExportReport;
import dev.nightshift.sinkapi.export.FolderExport;
import dev.nightshift.sinkapi.export.SimulatedMark;
import dev.nightshift.sinkapi.query.RunStatus;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's artifacts under the output folder, mirroring the repository's paths, through the same
 * {@link FolderExport} as {@code nightshift export --to}: documentation, and the tests that passed validation
 * with the parts of a split class merged into one file. Every path is checked to stay inside the folder, whatever
 * a model or a repository named it. Artifacts of a dry run carry a first line saying so, in the file's own
 * comment syntax.
 */
public final class ArtifactWriter {
    private final Path outDir;

    public ArtifactWriter(Path outDir) {
        this.outDir = outDir.toAbsolutePath().normalize();
    }

    /** @return how many files were written */
    public int writeAll(SinkClient sink, String runId) {
        ExportReport report;
        try {
            report = FolderExport.export(source(sink, runId), outDir, new ExportOptions(false, true));
        } catch (ExportException e) {
            throw UserError.failed(e.getMessage() + "; check --out is writable");
        }
        if (!report.refused().isEmpty()) {
            throw UserError.failed(report.refused().get(0).reason() + " (output folder " + outDir + ")");
        }
        return report.written().size();
    }

    /** The run as the sink's API shows it, read through the CLI's client. */
    public static ArtifactSource source(SinkClient sink, String runId) {
        return new ArtifactSource() {
            @Override
            public RunStatus run() {
                JsonNode status =
                        sink.run(runId).orElseThrow(() -> UserError.failed("the sink does not know run " + runId));
                return Json.mapper().convertValue(status, RunStatus.class);
            }

            @Override
            public List<ArtifactRecord> artifacts() {
                return Json.mapper().convertValue(sink.artifacts(runId), new TypeReference<List<ArtifactRecord>>() {});
            }

            @Override
            public String text(String jobId) {
                return sink.artifact(runId, jobId);
            }
        };
    }

    static String markSimulated(String path, String text) {
        return SimulatedMark.apply(path, text);
    }
}
