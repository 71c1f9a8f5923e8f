package dev.nightshift.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Shows a run's progress on stderr: jobs done of total, dollars so far, and an ETA from the rate so far.
 * On a terminal it rewrites one line; otherwise it prints a line when the figures change, at most every
 * few seconds, so logs of CI runs stay short.
 */
public final class RunProgress {
    private static final long QUIET_MILLIS = 5_000;
    private final PrintStream out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private String lastLine = "";
    private long lastPrintMillis;

    public RunProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    public void show(JsonNode status) {
        JsonNode jobs = status.path("jobs");
        long total = jobs.path("total").asLong();
        long done = total - jobs.path("pending").asLong(total);
        String line = String.format(
                "  %d/%d jobs done, $%s so far%s",
                done, total, status.path("cost").path("usd").asText("0"), eta(done, total));
        long now = System.currentTimeMillis();
        if (interactive) {
            // Blanks over whatever the previous, longer line left, so no stale characters trail the new one.
            out.print("\r" + line + " ".repeat(Math.max(0, lastLine.length() - line.length())));
            out.flush();
        } else if (!line.equals(lastLine) && now - lastPrintMillis >= QUIET_MILLIS) {
            out.println(line);
            lastPrintMillis = now;
        }
        lastLine = line;
    }

    public void finish() {
        if (interactive && !lastLine.isEmpty()) {
            out.println();
        }
    }

    private String eta(long done, long total) {
        if (done == 0 || done >= total) {
            return "";
        }
        long elapsed = System.nanoTime() - startNanos;
        Duration remaining = Duration.ofNanos(elapsed / done * (total - done));
        return String.format(", about %ds left", Math.max(1, remaining.toSeconds()));
    }
}
