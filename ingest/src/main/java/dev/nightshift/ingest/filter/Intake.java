package dev.nightshift.ingest.filter;

import java.util.List;

/** What became of one file of the snapshot: kept (possibly with notes for the report) or skipped. */
public sealed interface Intake {

    /** @param notes report entries about a kept file, e.g. {@code redacted:aws-access-key-id} */
    record Kept(SourceFile file, List<String> notes) implements Intake {
        public Kept {
            notes = List.copyOf(notes);
        }
    }

    /** @param reason a short reason id, e.g. {@code binary}, {@code too-large} */
    record Skipped(String path, String reason) implements Intake {}
}
