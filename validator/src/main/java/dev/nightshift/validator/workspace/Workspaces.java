package dev.nightshift.validator.workspace;

import dev.nightshift.validator.Diagnostics;
import dev.nightshift.validator.runner.PreparedProject;
import dev.nightshift.validator.runner.ProjectRunner;
import dev.nightshift.validator.runner.WorkspaceException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checked-out, prepared repositories, one per (repository, commit, runner), prepared once and shared by every
 * candidate of that commit.
 *
 * <p>On disk, under {@code <home>/workspaces/}: a workspace is made in a folder of its own,
 * {@code <key>.<uuid>/} ({@code src/} the checkout, {@code workspace.properties} what it is), and published,
 * once its preparation completed, by renaming a symbolic link {@code <key> -> <key>.<uuid>} into place, so
 * {@code <home>/workspaces/<key>/src} is always a complete checkout. Paths the runner recorded while preparing
 * stay valid because the folder itself never moves. A crash leaves at most an unpublished folder, which the
 * next start deletes; published workspaces are reused after a restart (their runner's {@code prepare} is
 * called again on the finished checkout and may take its earlier results).
 *
 * <p>{@code key} is the first 16 hex digits of SHA-256 over repository, commit and runner class.
 *
 * <p>Concurrent requests for one workspace wait for a single preparation. A failed preparation is
 * remembered with its message for {@code retryAfter} (every request in that time fails with it at once), then
 * tried again; {@link #forget} drops it sooner. Beyond {@code limit} published workspaces the least recently
 * used ones that nobody holds are deleted. One process per home.
 */
public final class Workspaces {
    private static final Logger LOG = LoggerFactory.getLogger(Workspaces.class);
    private static final String INFO = "workspace.properties";

    private final Path dir;
    private final int limit;
    private final Duration retryAfter;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private long ticks;

    /**
     * @param home       the validator's home; workspaces go to {@code home/workspaces}
     * @param limit      most published workspaces kept
     * @param retryAfter how long a failed preparation is remembered
     */
    public Workspaces(Path home, int limit, Duration retryAfter) throws IOException {
        this(home, limit, retryAfter, Clock.systemUTC());
    }

    Workspaces(Path home, int limit, Duration retryAfter, Clock clock) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("workspace limit must be >= 1: " + limit);
        }
        this.dir = home.resolve("workspaces").toAbsolutePath().normalize();
        this.limit = limit;
        this.retryAfter = retryAfter;
        this.clock = clock;
        Files.createDirectories(dir);
        recover();
    }

    /** A prepared workspace in use: it is not deleted until closed. */
    public final class Lease implements AutoCloseable {
        private final Entry entry;
        private final PreparedProject project;
        private boolean closed;

        private Lease(Entry entry, PreparedProject project) {
            this.entry = entry;
            this.project = project;
        }

        public PreparedProject project() {
            return project;
        }

        @Override
        public void close() {
            synchronized (Workspaces.this) {
                if (closed) {
                    return;
                }
                closed = true;
                entry.leases--;
            }
            evict();
        }
    }

    private static final class Entry {
        final String key;
        final CompletableFuture<PreparedProject> ready = new CompletableFuture<>();
        /** The published folder this entry's project lives in; null until published. */
        Path folder;
        /** Published by an earlier process, not yet prepared by this one. */
        boolean fromDisk;

        Instant failedAt;
        int leases;
        long lastUsed;

        Entry(String key) {
            this.key = key;
        }

        boolean failed() {
            return failedAt != null;
        }
    }

    /**
     * The prepared workspace of the commit for the runner, preparing it if need be (or waiting for the
     * preparation another thread started).
     *
     * @throws WorkspaceException the preparation failed, now or within {@code retryAfter} before
     */
    public Lease open(String repository, String commit, ProjectRunner runner) throws WorkspaceException {
        String key = key(repository, commit, runner);
        Entry entry;
        boolean mine = false;
        synchronized (this) {
            entry = entries.get(key);
            if (entry != null && entry.failed() && !clock.instant().isBefore(entry.failedAt.plus(retryAfter))) {
                entries.remove(key);
                entry = null;
            }
            if (entry == null || entry.fromDisk) {
                Entry fresh = new Entry(key);
                if (entry != null) {
                    fresh.folder = entry.folder;
                    fresh.leases = entry.leases;
                }
                entry = fresh;
                entries.put(key, entry);
                mine = true;
            }
            entry.leases++;
            entry.lastUsed = ++ticks;
        }
        try {
            if (mine) {
                prepare(entry, repository, commit, runner);
            }
            return new Lease(entry, await(entry));
        } catch (WorkspaceException | RuntimeException e) {
            synchronized (this) {
                entry.leases--;
            }
            throw e;
        }
    }

    /** Drops a remembered failure, so that the next request prepares the workspace again. */
    public synchronized void forget(String repository, String commit, ProjectRunner runner) {
        Entry entry = entries.get(key(repository, commit, runner));
        if (entry != null && entry.failed()) {
            entries.remove(entry.key);
        }
    }

    /** Published workspaces on disk (for tests and the log). */
    public synchronized int published() {
        return (int) entries.values().stream()
                .filter(e -> e.folder != null && !e.failed())
                .count();
    }

    /** The folder {@code <home>/workspaces/<key>} of a commit for a runner (a link once published). */
    public Path location(String repository, String commit, ProjectRunner runner) {
        return dir.resolve(key(repository, commit, runner));
    }

    private static PreparedProject await(Entry entry) throws WorkspaceException {
        try {
            return entry.ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted while waiting for the workspace", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WorkspaceException w) {
                throw w;
            }
            throw new WorkspaceException(Diagnostics.oneLine(e.getCause()), e.getCause());
        }
    }

    private void prepare(Entry entry, String repository, String commit, ProjectRunner runner) {
        Path link = dir.resolve(entry.key);
        try {
            PreparedProject project = null;
            if (entry.folder != null) {
                project = reopen(entry.folder, runner);
            }
            if (project == null) {
                project = build(entry, repository, commit, runner, link);
            }
            entry.ready.complete(project);
        } catch (WorkspaceException | RuntimeException e) {
            synchronized (this) {
                entry.failedAt = clock.instant();
            }
            LOG.warn("workspace {} of {} at {} failed: {}", entry.key, repository, commit, e.getMessage());
            entry.ready.completeExceptionally(e);
            return;
        }
        evict();
    }

    /** A workspace an earlier process published: the runner prepares the finished checkout again. */
    private PreparedProject reopen(Path folder, ProjectRunner runner) {
        try {
            return runner.prepare(folder.resolve("src"));
        } catch (WorkspaceException | RuntimeException e) {
            LOG.warn(
                    "workspace {} from an earlier run cannot be reused ({}); preparing it afresh",
                    folder,
                    e.getMessage());
            return null;
        }
    }

    private PreparedProject build(Entry entry, String repository, String commit, ProjectRunner runner, Path link)
            throws WorkspaceException {
        Path folder = dir.resolve(entry.key + "." + UUID.randomUUID());
        boolean published = false;
        try {
            Files.createDirectories(folder);
            String id = Checkouts.checkout(repository, commit, folder.resolve("src"));
            PreparedProject project = runner.prepare(folder.resolve("src"));
            Properties info = new Properties();
            info.setProperty("repository", repository);
            info.setProperty("commit", commit);
            info.setProperty("resolved", id);
            info.setProperty("runner", runner.getClass().getName());
            try (OutputStream out = Files.newOutputStream(folder.resolve(INFO))) {
                info.store(out, "a validator workspace");
            }
            Path oldTarget = null;
            synchronized (this) {
                if (Files.isSymbolicLink(link)) {
                    oldTarget = resolveLink(link);
                }
                Path tmpLink = dir.resolve(entry.key + ".link-" + UUID.randomUUID());
                Files.createSymbolicLink(tmpLink, folder.getFileName());
                Files.move(tmpLink, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                entry.folder = folder;
                published = true;
            }
            if (oldTarget != null && !oldTarget.equals(folder)) {
                deleteTree(oldTarget);
            }
            return project;
        } catch (IOException e) {
            throw new WorkspaceException("cannot write workspace " + folder + ": " + e.getMessage(), e);
        } finally {
            if (!published) {
                deleteTree(folder);
            }
        }
    }

    /** Deletes the least recently used idle workspaces beyond the limit: the link first, then the folder. */
    private void evict() {
        List<Path> doomed = new ArrayList<>();
        synchronized (this) {
            List<Entry> live = entries.values().stream()
                    .filter(e -> e.folder != null && !e.failed())
                    .toList();
            int excess = live.size() - limit;
            if (excess <= 0) {
                return;
            }
            List<Entry> idle = live.stream()
                    .filter(e -> e.leases == 0 && (e.fromDisk || e.ready.isDone()))
                    .sorted(Comparator.comparingLong(e -> e.lastUsed))
                    .toList();
            for (Entry e : idle.subList(0, Math.min(excess, idle.size()))) {
                entries.remove(e.key);
                try {
                    Files.deleteIfExists(dir.resolve(e.key));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                doomed.add(e.folder);
            }
        }
        doomed.forEach(Workspaces::deleteTree);
    }

    /**
     * At start: keeps published workspaces (oldest use first, by the modification time of their folder),
     * deletes unpublished folders, stray links and broken links, then evicts beyond the limit.
     */
    private void recover() throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.toList();
        }
        Set<Path> kept = new HashSet<>();
        List<Entry> found = new ArrayList<>();
        for (Path child : children) {
            if (!Files.isSymbolicLink(child)) {
                continue;
            }
            Path target = resolveLink(child);
            String name = child.getFileName().toString();
            if (name.contains(".")
                    || target == null
                    || !Files.isRegularFile(target.resolve(INFO))
                    || !target.getParent().equals(dir)) {
                Files.deleteIfExists(child);
                continue;
            }
            kept.add(target);
            Entry e = new Entry(name);
            e.folder = target;
            e.fromDisk = true;
            found.add(e);
        }
        for (Path child : children) {
            if (!Files.isSymbolicLink(child) && !kept.contains(child)) {
                deleteTree(child);
            }
        }
        found.sort(Comparator.comparing(e -> modified(e.folder)));
        for (Entry e : found) {
            e.lastUsed = ++ticks;
            entries.put(e.key, e);
        }
        evict();
    }

    private static Instant modified(Path folder) {
        try {
            return Files.getLastModifiedTime(folder.resolve(INFO)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private Path resolveLink(Path link) {
        try {
            Path target = dir.resolve(Files.readSymbolicLink(link)).normalize();
            return Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? target : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String key(String repository, String commit, ProjectRunner runner) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(
                    (repository + "\n" + commit + "\n" + runner.getClass().getName()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path folder) {
        if (folder == null || !Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", folder, e.getMessage());
        }
    }
}
