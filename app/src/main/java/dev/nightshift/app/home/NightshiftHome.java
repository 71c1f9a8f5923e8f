package dev.nightshift.app.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the all-in-one mode keeps its state between runs: {@code $NIGHTSHIFT_HOME}, by default
 * {@code ~/.nightshift}. Holds the broker's data, the sink's RocksDB, the clone cache and logs, so that a
 * later run sees earlier runs' ledger and artifacts.
 */
public record NightshiftHome(Path root) {
    public static NightshiftHome resolve(Map<String, String> env) {
        String configured = env.get("NIGHTSHIFT_HOME");
        Path root = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".nightshift")
                : Path.of(configured);
        return new NightshiftHome(root.toAbsolutePath().normalize());
    }

    public Path kafka() {
        return dir("kafka");
    }

    public Path sink() {
        return dir("sink");
    }

    /** The validator's workspaces: checkouts of validated commits with their dependencies and build output. */
    public Path validator() {
        return dir("validator");
    }

    public Path repositories() {
        return dir("repos");
    }

    public Path logs() {
        return dir("logs");
    }

    /** The requests of the runs started from this home, so that {@code nightshift resume} can plan one again. */
    public Path runs() {
        return dir("runs");
    }

    /** Names the process now using this home, its broker and its sink, while it runs ({@link LiveProcess}). */
    public Path liveFile() {
        return root.resolve("live.json");
    }

    private Path dir(String name) {
        Path p = root.resolve(name);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p + "; set NIGHTSHIFT_HOME to a writable folder", e);
        }
        return p;
    }
}
