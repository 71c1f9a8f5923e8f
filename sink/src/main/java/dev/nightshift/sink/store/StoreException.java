package dev.nightshift.sink.store;

/** The sink's store could not be opened, read or written; the message names the data directory. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
