package dev.nightshift.sinkapi.export;

/** An artifact path that would land outside the export target (or inside its {@code .git}). */
public class UnsafePathException extends IllegalArgumentException {
    public UnsafePathException(String message) {
        super(message);
    }
}
