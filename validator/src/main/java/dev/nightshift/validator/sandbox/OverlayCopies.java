package dev.nightshift.validator.sandbox;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Throw-away copies of the command's overlay folders, shown at the folders' own paths: the command may
 * change them at will and the source stays as it was. (Bubblewrap 0.8 has no overlay mounts; this is
 * what stands in for them.)
 *
 * <p>Folders are recreated and owned by the command's user, files are copied and owned by it: the command
 * may write anything in the copy. Only inside dependency folders ({@code node_modules}, {@code site-packages},
 * a virtual environment, ...), which are large and which tests read but do not write, is a file hard-linked
 * instead, and only when the command's user cannot write it (owned by someone else, not group- or
 * world-writable): such a file may still be deleted, renamed or replaced in the copy, but writing into it in
 * place fails with "Permission denied" where a real overlay would have copied it up. A file that cannot be
 * linked (another file system) is copied.
 */
final class OverlayCopies implements AutoCloseable {
    private static final int WRITE_BY_OTHERS = 0022;
    static final Set<String> DEPENDENCY_FOLDERS = Set.of(
            "node_modules",
            "bower_components",
            ".yarn",
            ".pnpm-store",
            "site-packages",
            "dist-packages",
            "__pypackages__",
            ".venv",
            "venv",
            ".tox",
            ".nox",
            ".m2",
            ".gradle",
            "vendor");

    private final Path scratch;
    private final Map<Path, Path> copies;

    private OverlayCopies(Path scratch, Map<Path, Path> copies) {
        this.scratch = scratch;
        this.copies = copies;
    }

    static OverlayCopies none() {
        return new OverlayCopies(null, Map.of());
    }

    static OverlayCopies create(Path scratchRoot, List<Path> sources, SandboxUsers.Lease user) throws SandboxException {
        if (sources.isEmpty()) {
            return none();
        }
        Path scratch;
        try {
            Files.createDirectories(scratchRoot);
            scratch = Files.createTempDirectory(scratchRoot, "overlay-");
        } catch (IOException e) {
            throw new SandboxException("cannot create overlay copies under " + scratchRoot + ": " + e.getMessage(), e);
        }
        OverlayCopies made = new OverlayCopies(scratch, new LinkedHashMap<>());
        try {
            for (Path source : sources) {
                Path copy = scratch.resolve(made.copies.size() + "-" + source.getFileName());
                new TreeCopy(source, copy, user).run();
                made.copies.put(source, copy);
            }
            return made;
        } catch (IOException | RuntimeException e) {
            made.close();
            throw new SandboxException("cannot copy overlay folder: " + e.getMessage(), e);
        }
    }

    /** Each overlay source and the copy shown in its place. */
    Map<Path, Path> copies() {
        return copies;
    }

    @Override
    public void close() {
        if (scratch != null) {
            deleteTree(scratch);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a folder the command made read-only: open it up and try once more
                    Path parent = p.getParent();
                    if (parent != null) {
                        parent.toFile().setWritable(true, true);
                    }
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // what could not be deleted stays under the scratch folder, owned by this JVM's user
        }
    }

    private static final class TreeCopy extends SimpleFileVisitor<Path> {
        private final Path source;
        private final Path target;
        private final SandboxUsers.Lease user;
        private final List<Path[]> directoryModes = new ArrayList<>();

        TreeCopy(Path source, Path target, SandboxUsers.Lease user) {
            this.source = source;
            this.target = target;
            this.user = user;
        }

        void run() throws IOException {
            Files.walkFileTree(source, this);
            // modes last: a read-only source folder must still be filled first
            for (Path[] pair : directoryModes) {
                Files.setAttribute(pair[1], "unix:mode", Files.getAttribute(pair[0], "unix:mode"));
            }
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            Path copy = target.resolve(source.relativize(dir).toString());
            Files.createDirectory(copy);
            user.own(copy);
            directoryModes.add(new Path[] {dir, copy});
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            Path copy = target.resolve(source.relativize(file).toString());
            if (attrs.isSymbolicLink()) {
                Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                user.own(copy);
            } else if (attrs.isRegularFile()) {
                if (!(inDependencyFolder(file) && linkIfReadOnlyForUser(file, copy))) {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    user.own(copy);
                }
            }
            // sockets, pipes and devices are left out
            return FileVisitResult.CONTINUE;
        }

        private boolean inDependencyFolder(Path file) {
            for (Path name : source.relativize(file)) {
                if (DEPENDENCY_FOLDERS.contains(name.toString())) {
                    return true;
                }
            }
            return false;
        }

        private boolean linkIfReadOnlyForUser(Path file, Path copy) throws IOException {
            Map<String, Object> unix = Files.readAttributes(file, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            boolean writableByUser =
                    (int) unix.get("uid") == user.uid() || ((int) unix.get("mode") & WRITE_BY_OTHERS) != 0;
            if (writableByUser) {
                return false;
            }
            try {
                Files.createLink(copy, file);
                return true;
            } catch (FileSystemException notHere) {
                return false;
            }
        }
    }
}
