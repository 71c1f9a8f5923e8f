package dev.nightshift.ingest.source;

import dev.nightshift.ingest.IngestException;
import java.io.EOFException;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.PackInvalidException;

/**
 * Recognises a damaged object database (a truncated or missing object, a broken pack) behind a failure while a
 * repository is read, so that it reaches the user as bad input naming the repository and the tool that finds the
 * damage, rather than as an internal failure with a Java exception's name.
 */
public final class CorruptObjects {
    private CorruptObjects() {}

    /** @return the one-line error for {@code failure}, when something in its causes is a damaged object */
    public static Optional<IngestException> explain(Throwable failure, String repository) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isDamage(t)) {
                return Optional.of(new IngestException(
                        "repository '" + repository + "' has a corrupt or missing object (" + detail(t)
                                + "); run 'git fsck' in it to find the damage, then repair it or run on a fresh clone",
                        failure));
            }
        }
        return Optional.empty();
    }

    private static boolean isDamage(Throwable t) {
        return t instanceof CorruptObjectException
                || t instanceof MissingObjectException
                || t instanceof PackInvalidException
                || t instanceof DataFormatException
                || t instanceof ZipException
                || t instanceof EOFException;
    }

    /** JGit's own wording, without the exception's class name. */
    private static String detail(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank()
                ? "unreadable data"
                : message.lines().findFirst().orElse("").strip();
    }
}
