package dev.nightshift.ingest.unit;

import dev.nightshift.ingest.filter.SourceFile;

/** Cuts a source file into top-level units. Never throws on odd code: it returns fewer units instead. */
public interface UnitSplitter {
    FileUnits split(SourceFile file);
}
