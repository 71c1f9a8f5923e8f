package dev.nightshift.sinkapi.export;

import java.util.List;

/**
 * What an export did: the paths written, the ones refused (with the reason), for a branch the commit id, and
 * notes worth telling the user (parts of a split test written apart because they could not be merged).
 */
public record ExportReport(
        String runId, String target, List<String> written, List<Refused> refused, String commitId, List<String> notes) {
    public ExportReport {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public ExportReport(String runId, String target, List<String> written, List<Refused> refused, String commitId) {
        this(runId, target, written, refused, commitId, List.of());
    }

    public record Refused(String jobId, String path, String reason) {}
}
