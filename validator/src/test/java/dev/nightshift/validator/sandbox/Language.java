package dev.nightshift.validator.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The three ecosystems generated tests come in, each with the same small probes: connect, read a file. */
enum Language {
    JAVA,
    PYTHON,
    NODE;

    /** argv that opens a TCP connection to host:port and prints CONNECTED when it gets one. */
    List<String> connect(Path workdir, String host, int port) throws IOException {
        return switch (this) {
            case JAVA -> List.of(Interpreters.java(), javaSource(workdir, "Connect.java"), host, String.valueOf(port));
            case PYTHON ->
                List.of(
                        Interpreters.python(),
                        "-c",
                        "import socket, sys\nsocket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3)\nprint('CONNECTED')",
                        host,
                        String.valueOf(port));
            case NODE ->
                List.of(
                        Interpreters.node(),
                        "-e",
                        "require('net').connect(+process.argv[2], process.argv[1])"
                                + ".on('connect', () => { console.log('CONNECTED'); process.exit(0); })"
                                + ".on('error', e => { console.error(e.message); process.exit(1); })",
                        host,
                        String.valueOf(port));
        };
    }

    /** argv that prints the file's content. */
    List<String> readFile(Path workdir, Path file) throws IOException {
        return switch (this) {
            case JAVA -> List.of(Interpreters.java(), javaSource(workdir, "ReadFile.java"), file.toString());
            case PYTHON ->
                List.of(Interpreters.python(), "-c", "import sys\nprint(open(sys.argv[1]).read())", file.toString());
            case NODE ->
                List.of(
                        Interpreters.node(),
                        "-e",
                        "console.log(require('fs').readFileSync(process.argv[1], 'utf8'))",
                        file.toString());
        };
    }

    /** Copies a single-file Java program from the test resources into the workdir; returns its file name. */
    private static String javaSource(Path workdir, String name) throws IOException {
        try (InputStream in = Language.class.getResourceAsStream("/sandbox/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource sandbox/" + name);
            }
            Files.copy(in, workdir.resolve(name));
        }
        return name;
    }
}
