package dev.nightshift.ingest.source;

import dev.nightshift.core.job.JobIds;
import dev.nightshift.ingest.IngestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bare clones of remote repositories, one folder per URL (named by a hash of the URL without credentials),
 * fetched again on reuse. A clone is made in a temporary folder and moved into place only when complete,
 * so an interrupted clone never poisons the cache. One clone or fetch per URL at a time.
 */
public final class CloneCache {
    private static final Logger LOG = LoggerFactory.getLogger(CloneCache.class);
    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
    private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

    private final Path cacheDir;
    private final int timeoutSeconds;
    private final CredentialsProvider credentials;
    private final RemoteGuard guard;
    private final SshSettings ssh;
    private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param credentials for private repositories (from the environment), or {@code null}
     * @param guard       refuses URLs that must not be fetched (server-side request forgery)
     */
    public CloneCache(Path cacheDir, int timeoutSeconds, CredentialsProvider credentials, RemoteGuard guard) {
        this(cacheDir, timeoutSeconds, credentials, guard, new SshSettings(null, null, null));
    }

    /** @param ssh the key and host key checking for ssh URLs */
    public CloneCache(
            Path cacheDir, int timeoutSeconds, CredentialsProvider credentials, RemoteGuard guard, SshSettings ssh) {
        this.cacheDir = cacheDir;
        this.timeoutSeconds = timeoutSeconds;
        this.credentials = credentials;
        this.guard = guard;
        this.ssh = ssh;
    }

    /** The bare clone of the URL, fetched up to date; the caller closes it. */
    public Repository cloneOrFetch(RepositoryLocation.RemoteUrl remote) {
        guard.check(remote);
        Path target = cacheDir.resolve(JobIds.sha256Hex(remote.safeUrl()).substring(0, 24) + ".git");
        synchronized (locks.computeIfAbsent(target, k -> new Object())) {
            if (RepositoryCache.FileKey.isGitRepository(target.toFile(), FS.DETECTED)) {
                return fetch(remote, target);
            }
            return cloneInto(remote, target);
        }
    }

    private Repository fetch(RepositoryLocation.RemoteUrl remote, Path target) {
        Repository repo = openBare(target);
        try (Git git = new Git(repo);
                SshSessions sessions = new SshSessions(ssh)) {
            LOG.atInfo().addKeyValue("repository", remote.safeUrl()).log("fetching cached clone");
            git.fetch()
                    .setRemote(remote.url())
                    .setRefSpecs(BRANCHES, TAGS)
                    .setTagOpt(TagOpt.FETCH_TAGS)
                    .setRemoveDeletedRefs(true)
                    .setTimeout(timeoutSeconds)
                    .setCredentialsProvider(credentials)
                    .setTransportConfigCallback(sessions.callback())
                    .call();
            return repo;
        } catch (GitAPIException | RuntimeException e) {
            repo.close();
            throw unreachable(remote, e);
        }
    }

    private Repository cloneInto(RepositoryLocation.RemoteUrl remote, Path target) {
        Path temp;
        try {
            Files.createDirectories(cacheDir);
            temp = Files.createTempDirectory(cacheDir, "clone-");
        } catch (IOException e) {
            throw new IngestException(
                    "cannot create the clone cache folder '" + cacheDir + "': " + e.getMessage()
                            + "; check that it is writable",
                    e);
        }
        LOG.atInfo().addKeyValue("repository", remote.safeUrl()).log("cloning");
        try (SshSessions sessions = new SshSessions(ssh);
                Git git = Git.cloneRepository()
                        .setURI(remote.url())
                        .setBare(true)
                        .setDirectory(temp.toFile())
                        .setCloneAllBranches(true)
                        .setTimeout(timeoutSeconds)
                        .setCredentialsProvider(credentials)
                        .setTransportConfigCallback(sessions.callback())
                        .call()) {
            LOG.atDebug().addKeyValue("repository", remote.safeUrl()).log("cloned"); // the Git closes its repository
        } catch (GitAPIException | RuntimeException e) {
            deleteQuietly(temp);
            throw unreachable(remote, e);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new IngestException(
                    "cannot move the clone of '" + remote.safeUrl() + "' into the cache '" + cacheDir + "': "
                            + e.getMessage() + "; check that it is writable",
                    e);
        }
        return openBare(target);
    }

    private static Repository openBare(Path dir) {
        try {
            return new FileRepositoryBuilder()
                    .setGitDir(dir.toFile())
                    .setBare()
                    .setMustExist(true)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open cached clone " + dir, e);
        }
    }

    private static IngestException unreachable(RepositoryLocation.RemoteUrl remote, Exception e) {
        String reason = rootMessage(e)
                .replace(remote.url(), remote.safeUrl())
                .replace(remote.safeUrl() + ": ", "")
                .replaceAll("[.;:\\s]+$", "");
        if (e instanceof InvalidRemoteException) {
            return new IngestException(
                    "no git repository at '" + remote.safeUrl() + "'" + (reason.isEmpty() ? "" : ": " + reason)
                            + "; check the URL",
                    e);
        }
        String credentialsHint = remote.scheme().equals("ssh")
                ? "the ssh key (" + SshSettings.KEY_VARIABLE + ") and the known-hosts file ("
                        + SshSettings.KNOWN_HOSTS_VARIABLE + ", " + SshSettings.HOST_KEY_CHECKING_VARIABLE + ")"
                : "for a private repository, the GIT_USERNAME/GIT_TOKEN environment variables";
        return new IngestException(
                "cannot clone or fetch '" + remote.safeUrl() + "'" + (reason.isEmpty() ? "" : ": " + reason)
                        + "; check the URL, your network and " + credentialsHint,
                e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = "";
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        // Never echo user info that a transport may have put into its message.
        return message.replaceAll("://[^/@\\s]+@", "://").strip();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary folder is harmless: it is never mistaken for a clone.
        }
    }
}
