package dev.nightshift.app.home;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.core.codec.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The process using a home right now, with the addresses of its embedded broker and sink: another command (e.g.
 * {@code nightshift cancel}) reaches the running pipeline through them, since the broker's and the store's files are
 * locked while it runs. A file left behind by a process that died names a process that no longer exists, and is ignored.
 */
public record LiveProcess(long pid, String bootstrap, String sinkUrl) {

    /** Records this process as the one using {@code home}. */
    public static void announce(NightshiftHome home, String bootstrap, String sinkUrl) {
        Path file = home.liveFile();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    tmp,
                    Json.mapper()
                            .createObjectNode()
                            .put("pid", ProcessHandle.current().pid())
                            .put("bootstrap", bootstrap)
                            .put("sinkUrl", sinkUrl)
                            .toString());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + "; set NIGHTSHIFT_HOME to a writable folder", e);
        }
    }

    /** The process using {@code home}, if one is alive. */
    public static Optional<LiveProcess> of(NightshiftHome home) {
        Path file = home.liveFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.mapper().readTree(Files.readString(file));
            LiveProcess live = new LiveProcess(
                    node.path("pid").asLong(),
                    node.path("bootstrap").asText(),
                    node.path("sinkUrl").asText());
            boolean alive =
                    ProcessHandle.of(live.pid()).map(ProcessHandle::isAlive).orElse(false);
            return alive && live.pid() != ProcessHandle.current().pid() ? Optional.of(live) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Forgets this process's announcement (only its own: a newer process may have replaced it). */
    public static void withdraw(NightshiftHome home) {
        Path file = home.liveFile();
        try {
            if (Files.isRegularFile(file)
                    && Json.mapper()
                                    .readTree(Files.readString(file))
                                    .path("pid")
                                    .asLong()
                            == ProcessHandle.current().pid()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            // a stale file names a dead process and is ignored by the next reader
        }
    }
}
