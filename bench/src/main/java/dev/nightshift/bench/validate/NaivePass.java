package dev.nightshift.bench.validate;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: what judging a generated test costs without the validator's fast path — write it into a copy
 * of the project and run the repository's own build for that one test, {@code mvn -q -o -Dtest=X test}, once.
 * The file is removed again afterwards, so a broken candidate does not break the next build.
 */
final class NaivePass {
    private final Path project;
    private final Path log;

    NaivePass(Path project, Path log) {
        this.project = project;
        this.log = log;
    }

    /** One build's result. */
    record Result(boolean passed, long nanos) {}

    /** {@code mvn -q -o test-compile}: the copy's first, untimed build. */
    long warmUp() throws IOException, InterruptedException {
        long t = System.nanoTime();
        int exit = mvn(List.of("mvn", "-q", "-o", "-B", "test-compile"));
        if (exit != 0) {
            throw new IOException("mvn test-compile of the naive copy failed; see " + log);
        }
        return System.nanoTime() - t;
    }

    Result judge(CoreCandidates c) throws IOException, InterruptedException {
        Path file = project.resolve(c.candidate().target().path());
        Files.createDirectories(file.getParent());
        Files.writeString(file, c.candidate().source(), StandardCharsets.UTF_8);
        try {
            long t = System.nanoTime();
            int exit = mvn(List.of(
                    "mvn",
                    "-q",
                    "-o",
                    "-B",
                    "-Dtest=" + c.testClass(),
                    "-Dsurefire.failIfNoSpecifiedTests=false",
                    "test"));
            return new Result(exit == 0, System.nanoTime() - t);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private int mvn(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " ran past 15 minutes");
        }
        return p.exitValue();
    }
}
