package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nightshift.app.cli.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a run's artifacts under the output folder, mirroring the repository's paths. Every path is
 * checked to stay inside the folder, whatever a model or a repository named it. Artifacts of a dry run
 * carry a first line saying so, in the file's own comment syntax.
 */
public final class ArtifactWriter {
    private final Path outDir;

    public ArtifactWriter(Path outDir) {
        this.outDir = outDir.toAbsolutePath().normalize();
    }

    /** @return how many artifacts were written */
    public int writeAll(SinkClient sink, String runId) {
        int written = 0;
        for (JsonNode artifact : sink.artifacts(runId)) {
            String relative = artifact.path("path").asText();
            String text = sink.artifact(runId, artifact.path("jobId").asText());
            write(relative, artifact.path("simulated").asBoolean(false) ? markSimulated(relative, text) : text);
            written++;
        }
        return written;
    }

    void write(String relativePath, String text) {
        Path target = resolveInside(relativePath);
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UserError.failed("cannot write " + target + ": " + e.getMessage() + "; check --out is writable");
        }
    }

    Path resolveInside(String relativePath) {
        Path target = outDir.resolve(relativePath).normalize();
        if (relativePath.isBlank() || Path.of(relativePath).isAbsolute() || !target.startsWith(outDir) || target.equals(outDir)) {
            throw UserError.failed("refusing to write artifact path '" + relativePath + "': it leaves the output folder " + outDir);
        }
        return target;
    }

    static String markSimulated(String path, String text) {
        String note = "nightshift dry run: written by the simulator, not by a model";
        String lower = path.toLowerCase(Locale.ROOT);
        String line;
        if (lower.endsWith(".md")) {
            line = "<!-- " + note + " -->";
        } else if (lower.endsWith(".py") || lower.endsWith(".rb") || lower.endsWith(".sh")) {
            line = "# " + note;
        } else {
            line = "// " + note;
        }
        return line + "\n" + text;
    }
}
