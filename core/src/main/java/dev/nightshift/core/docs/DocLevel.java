package dev.nightshift.core.docs;

import java.util.Locale;

/**
 * Where a document sits in a repository's documentation: a file (or a part of one), a folder summary built from
 * its children's documents, or the repository's architecture document built from the top folders' summaries.
 */
public enum DocLevel {
    FILE,
    FOLDER,
    REPOSITORY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
