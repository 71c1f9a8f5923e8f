package dev.nightshift.simulator.reply;

import java.util.Locale;

/** Which document of the hierarchy a docs prompt asks for: a file's, a folder's summary, or the repository's architecture. */
public enum DocLevel {
    FILE,
    FOLDER,
    REPOSITORY;

    /** The level a {@code Level:} header names; anything unknown is a file, the level prompts had before there were others. */
    static DocLevel parse(String header) {
        String h = header == null ? "" : header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("folder") || h.startsWith("directory")) {
            return FOLDER;
        }
        if (h.startsWith("repo") || h.startsWith("architecture")) {
            return REPOSITORY;
        }
        return FILE;
    }
}
