package dev.nightshift.core.config;

import java.util.List;

/**
 * What ingest sends and withholds.
 *
 * @param maxFileBytes files larger than this are skipped as {@code too-large}
 * @param ignore       extra gitignore-style patterns
 */
public record IngestConfig(long maxFileBytes, List<String> ignore) {
    public IngestConfig {
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be > 0");
        }
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }
}
