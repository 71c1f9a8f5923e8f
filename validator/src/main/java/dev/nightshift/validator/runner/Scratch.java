package dev.nightshift.validator.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A candidate's own writable folder: its temporary files, its reports, its coverage data. The candidate can
 * write anything here, so reports are read only when they are regular files inside the folder (never through
 * a link the candidate planted towards a host file) and only up to a bound.
 */
public final class Scratch implements AutoCloseable {
    public static final int MAX_REPORT_BYTES = 32 << 20;

    private final Path dir;

    private Scratch(Path dir) {
        this.dir = dir;
    }

    public static Scratch create(Path home, String prefix) throws IOException {
        Path parent = Files.createDirectories(home.resolve("scratch"));
        Path dir = Files.createTempDirectory(parent, prefix).toRealPath();
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("home"));
        return new Scratch(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String relative) {
        return dir.resolve(relative);
    }

    public Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The file's text when it is a regular file inside this folder; empty when absent or anything else. */
    public Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || !file.toRealPath().startsWith(dir)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_REPORT_BYTES + 1);
            if (bytes.length > MAX_REPORT_BYTES) {
                throw new IOException(dir.relativize(file) + " is larger than " + MAX_REPORT_BYTES + " bytes");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover in the scratch area is removed with the validator's home
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
