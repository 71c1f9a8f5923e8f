package dev.nightshift.validator.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The host's processes whose command line contains a marker, read from /proc (which sees every namespace). */
final class HostProcesses {
    private HostProcesses() {}

    static List<String> withMarker(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                String cmdline = cmdline(entry);
                if (cmdline.contains(marker)) {
                    found.add(name + ": " + cmdline);
                }
            }
        }
        return found;
    }

    private static String cmdline(Path procEntry) {
        try {
            return new String(Files.readAllBytes(procEntry.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }
}
