package dev.nightshift.validator.sandbox;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sandboxed run's output (Java, Python and Node alike) for signs that the code tried something
 * the sandbox forbids: the network, files outside what the command was shown, more processes than it may
 * have. A runner uses it to tell a sandbox violation from an ordinary failure.
 */
public final class ViolationClassifier {
    /** What the code tried. */
    public enum Kind {
        NETWORK,
        FILES,
        PROCESSES
    }

    /** @param evidence the output line that shows it */
    public record Violation(Kind kind, String evidence) {}

    private static final int EVIDENCE_CHARS = 400;

    private static final List<String> NETWORK = List.of(
            "network is unreachable",
            "enetunreach",
            "eai_again",
            "getaddrinfo",
            "unknownhostexception",
            "temporary failure in name resolution",
            "name or service not known",
            "no address associated with hostname",
            "noroutetohostexception",
            "no route to host",
            "ehostunreach");
    private static final List<String> REFUSED = List.of("connection refused", "econnrefused");
    private static final List<String> FILE_ERRORS = List.of(
            "no such file",
            "nosuchfileexception",
            "enoent",
            "filenotfounderror",
            "filenotfoundexception",
            "permission denied",
            "eacces",
            "accessdeniedexception",
            "permissionerror",
            "read-only file system",
            "erofs",
            "operation not permitted",
            "eperm");
    /** File errors that mean a write was refused (as opposed to a file that is simply not there). */
    private static final List<String> WRITE_REFUSED = List.of(
            "permission denied",
            "eacces",
            "accessdeniedexception",
            "permissionerror",
            "read-only file system",
            "erofs",
            "operation not permitted",
            "eperm");

    private static final List<String> PROCESSES = List.of(
            "unable to create native thread",
            "fork: retry",
            "fork: resource temporarily unavailable",
            "cannot fork",
            "can't fork",
            "pthread_create failed",
            "spawn eagain",
            "uv_thread_create");
    private static final List<String> EAGAIN_CONTEXT = List.of("fork", "thread", "spawn", "clone", "blockingioerror");

    /** An absolute path (or one under ~) that does not continue a word, a URL or another path. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.~/:-])(~?/[^\\s'\"`:,;()\\[\\]<>{}]+)");
    /** An IPv4 address, a bracketed IPv6 address with its port, or a host name with its port. */
    private static final Pattern HOST = Pattern.compile(
            "(?<![\\w.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?![\\w.])|\\[([0-9a-fA-F:]+)]:\\d+|(?<![\\w.])([a-zA-Z][\\w-]*(?:\\.[\\w-]+)*):\\d+");

    private final List<Path> writableRoots;
    private final List<Path> readableRoots;
    private final ProtectedPaths protectedPaths;

    ViolationClassifier(Collection<Path> writableRoots, Collection<Path> readableRoots, ProtectedPaths protectedPaths) {
        this.writableRoots = List.copyOf(writableRoots);
        this.readableRoots = List.copyOf(readableRoots);
        this.protectedPaths = protectedPaths;
    }

    /** For a command: what it was shown is fine to touch; anything else, and every home folder, is not. */
    public static ViolationClassifier forCommand(SandboxedCommand command) {
        ProtectedPaths protectedPaths = ProtectedPaths.ofThisHost(List.of());
        List<Path> writable = new ArrayList<>(command.writable());
        writable.addAll(command.overlays());
        writable.addAll(List.of(Path.of("/tmp"), Path.of("/dev/shm"), Path.of("/dev/null")));
        List<Path> readable = new ArrayList<>(Toolchains.SYSTEM);
        readable.addAll(command.readOnly());
        readable.addAll(List.of(Path.of("/proc"), Path.of("/dev")));
        try {
            readable.addAll(Toolchains.mountsFor(command, protectedPaths));
        } catch (SandboxException unresolvable) {
            // a program that cannot be resolved shows no toolchain
        }
        return new ViolationClassifier(writable, readable, protectedPaths);
    }

    /** The first line of the output that shows a violation, if any. */
    public Optional<Violation> classify(String output) {
        for (String line : output.split("\\R")) {
            Optional<Kind> kind = kindOf(line);
            if (kind.isPresent()) {
                String evidence = line.strip();
                return Optional.of(new Violation(
                        kind.get(),
                        evidence.length() > EVIDENCE_CHARS ? evidence.substring(0, EVIDENCE_CHARS) + "…" : evidence));
            }
        }
        return Optional.empty();
    }

    private Optional<Kind> kindOf(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (containsAny(lower, NETWORK) || (containsAny(lower, REFUSED) && namesRemoteHost(line))) {
            return Optional.of(Kind.NETWORK);
        }
        if (containsAny(lower, PROCESSES)
                || ((lower.contains("resource temporarily unavailable") || lower.contains("eagain"))
                        && containsAny(lower, EAGAIN_CONTEXT))) {
            return Optional.of(Kind.PROCESSES);
        }
        if (containsAny(lower, FILE_ERRORS) && namesForbiddenPath(line, containsAny(lower, WRITE_REFUSED))) {
            return Optional.of(Kind.FILES);
        }
        return Optional.empty();
    }

    private boolean namesForbiddenPath(String line, boolean writeRefused) {
        Matcher m = ABSOLUTE_PATH.matcher(line);
        while (m.find()) {
            String text = m.group(1);
            if (text.startsWith("~")) {
                return true;
            }
            Path path;
            try {
                path = Path.of(text).normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            if (Toolchains.isUnderAny(path, writableRoots)) {
                continue;
            }
            if (Toolchains.isUnderAny(path, readableRoots)) {
                if (writeRefused) {
                    return true;
                }
                continue;
            }
            // outside everything the command was shown: forbidden if it is private, or if the sandbox hid it
            if (protectedPaths.isProtected(path) || writeRefused || Files.exists(path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesRemoteHost(String line) {
        Matcher m = HOST.matcher(line);
        while (m.find()) {
            String host = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (!isLoopback(host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("127.")
                || h.equals("::1")
                || h.equals("localhost")
                || h.endsWith(".localhost")
                || h.equals("0.0.0.0")
                || h.equals("::");
    }

    private static boolean containsAny(String lower, List<String> needles) {
        return needles.stream().anyMatch(lower::contains);
    }
}
