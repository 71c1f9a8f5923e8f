package dev.nightshift.ingest.source;

import dev.nightshift.ingest.IngestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/** Opens what a {@link RepositoryLocation} names: a local folder directly, a URL through the {@link CloneCache}. */
public final class RepositoryOpener {
    private final CloneCache cloneCache;

    public RepositoryOpener(CloneCache cloneCache) {
        this.cloneCache = cloneCache;
    }

    /** @throws IngestException when the location is not a readable git repository */
    public OpenedRepository open(RepositoryLocation location) {
        if (location instanceof RepositoryLocation.LocalPath local) {
            return new OpenedRepository(openLocal(local.path()), local.identity());
        }
        RepositoryLocation.RemoteUrl remote = (RepositoryLocation.RemoteUrl) location;
        return new OpenedRepository(cloneCache.cloneOrFetch(remote), remote.identity());
    }

    static Repository openLocal(Path path) {
        if (!Files.exists(path)) {
            throw new IngestException("repository path '" + path
                    + "' does not exist; pass the path of a git repository or a URL to clone");
        }
        if (!Files.isDirectory(path)) {
            throw new IngestException(
                    "'" + path + "' is a file, not a repository folder; pass the root folder of a git repository");
        }
        // Only the folder itself or its .git: a sub-folder of a repository would silently widen the run.
        var gitDir = RepositoryCache.FileKey.resolve(path.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new IngestException(
                    "'" + path
                            + "' is not a git repository; pass the root folder of a git repository (the one holding .git), or run 'git init' and commit there");
        }
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(gitDir)
                    .setMustExist(true)
                    .build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IngestException(
                    "cannot open the git repository at '" + path + "': " + e.getMessage()
                            + "; check that it is readable and not corrupt",
                    e);
        }
    }
}
