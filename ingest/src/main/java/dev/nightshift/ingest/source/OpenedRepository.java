package dev.nightshift.ingest.source;

import org.eclipse.jgit.lib.Repository;

/**
 * A repository ready to read, with the identity jobs carry. Closing it closes the JGit repository; it is
 * owned by one thread (JGit repositories are not meant to be shared across threads mid-walk).
 */
public record OpenedRepository(Repository repository, String identity) implements AutoCloseable {
    @Override
    public void close() {
        repository.close();
    }
}
