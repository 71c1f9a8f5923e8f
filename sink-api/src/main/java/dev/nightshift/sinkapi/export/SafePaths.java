package dev.nightshift.sinkapi.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Validates artifact paths before anything is written. An artifact path comes from a unit path and may
 * have passed through other hands; whatever it says, nothing may be written outside the target:
 * relative, '/'-separated, no empty, '.' or '..' segments, no backslash, drive letter, NUL or control
 * characters, no {@code .git} segment; and on disk, no symbolic link on the way that leads out.
 */
public final class SafePaths {
    private static final int MAX_LENGTH = 4096;

    private SafePaths() {}

    /** The path itself, if it is a safe relative path; otherwise {@link UnsafePathException} saying why. */
    public static String validate(String path) {
        if (path == null || path.isEmpty()) {
            throw unsafe(path, "it is empty");
        }
        if (path.length() > MAX_LENGTH) {
            throw unsafe(path, "it is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw unsafe(path, "it contains a control character");
            }
            if (c == '\\') {
                throw unsafe(path, "it contains a backslash");
            }
        }
        if (path.startsWith("/") || path.startsWith("~") || (path.length() > 1 && path.charAt(1) == ':')) {
            throw unsafe(path, "it is absolute");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw unsafe(path, "it has an empty, '.' or '..' segment");
            }
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                throw unsafe(path, "it points into .git");
            }
        }
        return path;
    }

    /**
     * Resolves a validated path under {@code root}, refusing it when an existing directory or file on the
     * way is a symbolic link (which could lead anywhere).
     */
    public static Path resolveInside(Path root, String path) {
        validate(path);
        Path base = root.toAbsolutePath().normalize();
        Path target = base.resolve(path).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw unsafe(path, "it resolves outside " + root);
        }
        for (Path p = target; p != null && !p.equals(base); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw unsafe(path, "'" + base.relativize(p) + "' is a symbolic link in the target");
            }
        }
        try {
            if (Files.exists(base) && !target.toRealPath().startsWith(base.toRealPath())) {
                throw unsafe(path, "it resolves outside " + root);
            }
        } catch (IOException e) {
            // the file does not exist yet; its existing ancestors were checked above
            checkExistingAncestor(base, target, path);
        }
        return target;
    }

    private static void checkExistingAncestor(Path base, Path target, String path) {
        Path p = target.getParent();
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        try {
            if (p != null && Files.exists(base) && !p.toRealPath().startsWith(base.toRealPath())) {
                throw unsafe(path, "it resolves outside " + base);
            }
        } catch (IOException e) {
            throw unsafe(path, "its folder cannot be checked: " + e.getMessage());
        }
    }

    private static UnsafePathException unsafe(String path, String why) {
        return new UnsafePathException("refused artifact path '" + printable(path) + "': " + why
                + "; nothing is written outside the export target");
    }

    private static String printable(String path) {
        if (path == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        path.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
