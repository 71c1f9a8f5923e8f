package dev.nightshift.validator.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which host user a sandboxed command runs as. Never root: the kernel does not apply the process limit
 * (RLIMIT_NPROC) to root, and root owns every file the sandbox shows.
 *
 * <p>When this JVM runs as root, bubblewrap runs privileged (no user namespace) and the command switches
 * to a user of its own, leased from a range no one else uses, so that the process limit counts its
 * processes and nobody else's; the folders it may write are handed over to that user first. Otherwise
 * bubblewrap runs unprivileged in a new user namespace, the command keeps this JVM's user, and the limit
 * counts the processes of that namespace only.
 */
final class SandboxUsers {
    static final int FIRST_UID = 2_000_000_000;
    static final int UID_RANGE = 1 << 16;

    private final boolean privileged;
    private final int ownUid;
    private final Set<Integer> leased = new HashSet<>();
    private int next = ThreadLocalRandom.current().nextInt(UID_RANGE);

    SandboxUsers(boolean privileged, int ownUid) {
        this.privileged = privileged;
        this.ownUid = ownUid;
    }

    static SandboxUsers ofThisProcess() {
        int uid = realUid();
        return new SandboxUsers(uid == 0, uid);
    }

    boolean privileged() {
        return privileged;
    }

    synchronized Lease lease() {
        if (!privileged) {
            return new Lease(ownUid, false);
        }
        while (leased.contains(FIRST_UID + next)) {
            next = (next + 1) % UID_RANGE;
        }
        int uid = FIRST_UID + next;
        next = (next + 1) % UID_RANGE;
        leased.add(uid);
        return new Lease(uid, true);
    }

    private synchronized void release(Lease lease) {
        leased.remove(lease.uid);
    }

    /** The user one command runs as, for as long as it runs. */
    final class Lease implements AutoCloseable {
        private final int uid;
        private final boolean switched;

        private Lease(int uid, boolean switched) {
            this.uid = uid;
            this.switched = switched;
        }

        /** The host uid (and gid) of the command's processes and of the files it creates. */
        int uid() {
            return uid;
        }

        /** Whether the command switches to {@link #uid()} inside the sandbox (this JVM is root). */
        boolean switched() {
            return switched;
        }

        /** Makes the tree owned by this user, so that the command can write it (nothing to do unless switched). */
        void takeOver(Path tree) throws SandboxException {
            if (!switched) {
                return;
            }
            try {
                Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        own(dir);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        own(file);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new SandboxException(
                        "cannot hand " + tree + " over to sandbox user " + uid + ": " + e.getMessage(), e);
            }
        }

        /** Changes the owner of this one entry (a symbolic link itself, not its target). */
        void own(Path path) throws IOException {
            if (switched) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
            }
        }

        @Override
        public void close() {
            if (switched) {
                release(this);
            }
        }
    }

    private static int realUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(
                            List.of(line.substring(4).trim().split("\\s+")).get(0));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc is not mounted: judge by name
        }
        return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }
}
