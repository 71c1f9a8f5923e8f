package dev.nightshift.validator.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real executables of this machine's java, python3 and node (never a version-manager shim). */
final class Interpreters {
    private static String python;

    private Interpreters() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Asks python3 on this JVM's PATH for its own executable, which sees through a pyenv shim. */
    static synchronized String python() throws IOException {
        if (python == null) {
            Process p = new ProcessBuilder(onPath("python3"), "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            try {
                if (p.waitFor() != 0) {
                    throw new IOException("python3 -c failed: " + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            python = out;
        }
        return python;
    }

    static String node() throws IOException {
        return Path.of(onPath("node")).toRealPath().toString();
    }

    private static String onPath(String name) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IOException(name + " is not on PATH");
    }
}
