package dev.nightshift.core.docs;

import java.util.Objects;

/**
 * One document a folder summary or the architecture document is built from.
 *
 * @param jobId    the job that writes it (of the same run)
 * @param unitPath its unit: a file (or a part {@code path#…}), or a folder
 * @param level    a file's document or a folder's summary
 */
public record DocChild(String jobId, String unitPath, DocLevel level) {
    public DocChild {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(unitPath, "unitPath");
        Objects.requireNonNull(level, "level");
    }
}
