package dev.nightshift.ingest.unit;

import java.util.List;

/**
 * A source file cut into its top-level units.
 *
 * @param header  the file's package, import, include and use lines: the context every unit of it needs
 * @param units   top-level units in file order; empty when the file has none the splitter recognises
 * @param parsed  true when a real parser produced the units (Java), false for a structural splitter
 */
public record FileUnits(String path, String language, String header, List<Unit> units, boolean parsed) {
    public FileUnits {
        units = List.copyOf(units);
        header = header == null ? "" : header;
    }
}
