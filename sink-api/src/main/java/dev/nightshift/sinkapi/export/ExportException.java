package dev.nightshift.sinkapi.export;

/** An export that cannot be done; the message names the target and what to do. */
public class ExportException extends RuntimeException {
    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
