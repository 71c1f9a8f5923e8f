package dev.nightshift.ingest.source;

import dev.nightshift.core.run.RunRequest;
import dev.nightshift.ingest.IngestException;
import dev.nightshift.ingest.snapshot.CommitSnapshot;
import dev.nightshift.ingest.snapshot.Snapshot;
import dev.nightshift.ingest.snapshot.WorktreeSnapshot;

/** Which files a request reads: a commit from the object database, or ({@code --worktree}) the working tree. */
public final class SnapshotSelector {
    private SnapshotSelector() {}

    /**
     * Refuses a {@code --worktree} request that cannot be met, before anything is opened or cloned.
     *
     * @throws IngestException for {@code --worktree} with a URL or with a ref
     */
    public static void check(RunRequest request, RepositoryLocation location) {
        if (!request.worktree()) {
            return;
        }
        if (location instanceof RepositoryLocation.RemoteUrl remote) {
            throw new IngestException("--worktree reads a local working tree, but '" + remote.safeUrl()
                    + "' is a URL; pass the folder of a local clone, or drop --worktree");
        }
        if (request.ref() != null) {
            throw new IngestException(
                    "--worktree reads the working tree on top of HEAD, so it cannot be combined with --ref '"
                            + request.ref() + "'; drop --ref or --worktree");
        }
    }

    /** @throws IngestException for an unknown ref, an empty repository, or {@code --worktree} on a bare repository */
    public static Snapshot select(RunRequest request, OpenedRepository repo) {
        if (!request.worktree()) {
            return new CommitSnapshot(repo.repository(), RefResolver.resolve(repo, request.ref()));
        }
        if (repo.repository().isBare()) {
            throw new IngestException(
                    "'" + repo.identity() + "' is a bare repository, which has no working tree; drop --worktree");
        }
        return new WorktreeSnapshot(repo.repository(), RefResolver.resolve(repo, null));
    }
}
