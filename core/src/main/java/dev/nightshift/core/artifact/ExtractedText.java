package dev.nightshift.core.artifact;

/** The usable text of a model reply and how it was found. */
public record ExtractedText(String text, String method) {}
