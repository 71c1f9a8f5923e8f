package dev.nightshift.ingest;

/**
 * Bad input to ingest: a missing path, a folder that is not a repository, an unknown ref, a malformed or
 * unreachable URL. The message is one line for the user: what was wrong, with which input, and what to do.
 * It never carries credentials or file contents.
 */
public final class IngestException extends RuntimeException {
    public IngestException(String message) {
        super(oneLine(message));
    }

    public IngestException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
