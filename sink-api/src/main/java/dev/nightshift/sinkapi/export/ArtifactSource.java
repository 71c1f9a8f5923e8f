package dev.nightshift.sinkapi.export;

import dev.nightshift.sinkapi.artifact.ArtifactRecord;
import dev.nightshift.sinkapi.query.RunStatus;
import java.util.List;

/**
 * Where an export reads a run's artifacts from: a sink's HTTP API ({@link HttpArtifactSource}, what the command uses
 * for a running sink), or the sink's store in the same JVM (the sink's {@code StoreArtifactSource}). Implementations
 * throw {@link ExportException} naming the run when it cannot be read.
 */
public interface ArtifactSource {
    RunStatus run();

    List<ArtifactRecord> artifacts();

    String text(String jobId);

    /** The run's rejected test candidates, each with its verdict and diagnostics; none by default. */
    default List<ArtifactRecord> rejected() {
        return List.of();
    }

    /** The text of one rejected candidate. */
    default String rejectedText(String jobId, int attempt) {
        throw new ExportException("this source keeps no rejected tests (job " + jobId + ", attempt " + attempt + ")");
    }
}
