package dev.nightshift.sink.export;

import dev.nightshift.sink.artifact.ArtifactRecord;
import dev.nightshift.sink.query.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The artifacts of one run that may be exported: each path validated by {@link SafePaths} (refused ones
 * are kept aside with the reason), sorted by path so every export is reproducible.
 */
record ExportPlan(RunStatus run, Map<String, ArtifactRecord> byPath, List<ExportReport.Refused> refused,
                  ArtifactSource source) {

    static ExportPlan of(ArtifactSource source) {
        RunStatus run = source.run();
        Map<String, ArtifactRecord> byPath = new LinkedHashMap<>();
        List<ExportReport.Refused> refused = new ArrayList<>();
        source.artifacts().stream().sorted(java.util.Comparator.comparing(ArtifactRecord::path,
                java.util.Comparator.nullsFirst(String::compareTo))).forEach(a -> {
            try {
                byPath.put(SafePaths.validate(a.path()), a);
            } catch (UnsafePathException e) {
                refused.add(new ExportReport.Refused(a.jobId(), a.path(), e.getMessage()));
            }
        });
        return new ExportPlan(run, byPath, refused, source);
    }

    String text(ArtifactRecord a) {
        return source.text(a.jobId());
    }
}
