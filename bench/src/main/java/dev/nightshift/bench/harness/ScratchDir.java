package dev.nightshift.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary folder a benchmark writes into, deleted with everything in it when closed. */
public final class ScratchDir implements AutoCloseable {
    private final Path path;

    public ScratchDir(String prefix) throws IOException {
        this.path = Files.createTempDirectory(prefix);
    }

    public Path path() {
        return path;
    }

    public Path resolve(String child) {
        return path.resolve(child);
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's scratch folder " + path, e);
        }
    }
}
