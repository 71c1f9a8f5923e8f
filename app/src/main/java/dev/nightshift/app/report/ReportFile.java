package dev.nightshift.app.report;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.sinkapi.report.ReportMark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * Where a report page goes on disk, and writing it there. A run's report sits beside its artifacts as
 * {@value #NAME} — a name no repository file is likely to have, since {@code run --out} may point into a working
 * tree — and only ever replaces a file that is itself a nightshift report.
 */
public final class ReportFile {
    public static final String NAME = "nightshift-report.html";
    /** Ids that can name a folder as they are (run ids are {@code r-<time>-<random>}). */
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ReportFile() {}

    /** {@code nightshift-out/<id>/nightshift-report.html}: the folder {@code nightshift run} writes a run's artifacts to. */
    public static Path defaultFor(String id) {
        if (!PLAIN_ID.matcher(id).matches()) {
            throw UserError.badInput("'" + id + "' cannot name a folder; say where the report goes with --out FILE");
        }
        return Path.of("nightshift-out", id, NAME).toAbsolutePath().normalize();
    }

    /** The report beside a run's artifacts in {@code outDir}. */
    public static Path besideArtifacts(Path outDir) {
        return outDir.resolve(NAME).toAbsolutePath().normalize();
    }

    /**
     * Writes the page (a temporary file moved into place, so a reader never sees half a page).
     *
     * @param onlyOverReports refuse to replace an existing file unless it is a nightshift report
     * @throws UserError when the file cannot be written, or is another file and {@code onlyOverReports}
     */
    public static Path write(Path file, String html, boolean onlyOverReports) {
        Path target = file.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(target)) {
                throw UserError.badInput(
                        target + " is a folder; pass --out with a file name, e.g. " + target.resolve(NAME));
            }
            if (onlyOverReports && Files.exists(target) && !isReport(target)) {
                throw UserError.failed(target + " exists and is not a nightshift report; it was left as it is");
            }
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".nightshift-report-", ".tmp");
            try {
                Files.writeString(temp, html, StandardCharsets.UTF_8);
                move(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw UserError.failed("cannot write the report to " + target + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); pass --out FILE somewhere writable");
        }
    }

    private static boolean isReport(Path file) throws IOException {
        byte[] head = new byte[256];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return ReportMark.isReport(new String(head, 0, n, StandardCharsets.UTF_8));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
