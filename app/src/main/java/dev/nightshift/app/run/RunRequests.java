package dev.nightshift.app.run;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.app.home.NightshiftHome;
import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.run.RunRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The request of every run started from a home, kept so that {@code nightshift resume} plans the same run again. */
public final class RunRequests {
    private final NightshiftHome home;

    public RunRequests(NightshiftHome home) {
        this.home = home;
    }

    public void save(RunRequest request) {
        Path file = fileOf(request.runId());
        try {
            Files.write(file, MessageCodec.RUN_REQUEST.encode(request));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the request of run " + request.runId() + " in " + file, e);
        }
    }

    public Optional<RunRequest> load(String runId) {
        Path file = fileOf(runId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageCodec.RUN_REQUEST.decode(Files.readAllBytes(file)));
        } catch (IOException | MessageCodec.CodecException e) {
            throw UserError.failed("the request of run " + runId + " in " + file + " cannot be read (" + e.getMessage()
                    + "); start a new run instead");
        }
    }

    private Path fileOf(String runId) {
        if (!runId.matches("[A-Za-z0-9._-]+")) {
            throw UserError.badInput("'" + runId + "' is not a run id; 'nightshift status' lists the runs");
        }
        return home.runs().resolve(runId + ".json");
    }
}
