package dev.nightshift.ingest.filter;

/**
 * A file that passed every filter, decoded, ready to be split and planned.
 *
 * @param path     '/'-separated path inside the repository
 * @param language language id (see {@code Languages})
 * @param text     the file's text, already secret-guarded
 */
public record SourceFile(String path, String language, String text) {}
