package dev.nightshift.ingest.source;

import dev.nightshift.ingest.IngestException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Where a repository comes from: a folder on this machine or a URL to clone. */
public sealed interface RepositoryLocation {

    /** The repository's identity on jobs: an absolute path, or the URL without credentials. */
    String identity();

    /** A repository folder (with a {@code .git} folder, or bare). */
    record LocalPath(Path path) implements RepositoryLocation {
        @Override
        public String identity() {
            return path.toString();
        }
    }

    /**
     * A URL to clone.
     *
     * @param url      the URL as given, credentials included (never logged)
     * @param safeUrl  the URL without user info, safe for logs, messages and job records
     * @param scheme   https, http, ssh, git or file
     * @param host     the host to connect to, or {@code null} for file URLs
     */
    record RemoteUrl(String url, String safeUrl, String scheme, String host) implements RepositoryLocation {
        @Override
        public String identity() {
            return safeUrl;
        }

        @Override
        public String toString() {
            return safeUrl;
        }
    }

    Set<String> SCHEMES = Set.of("https", "http", "ssh", "git", "file");
    /** scp-like syntax: {@code git@github.com:owner/repo.git}. */
    Pattern SCP_LIKE = Pattern.compile("^(?:([^@/\\s]+)@)?([A-Za-z0-9.-]+):(?!//)([^\\s]+)$");

    /**
     * Reads a user's source argument.
     *
     * @throws IngestException for a malformed URL
     */
    static RepositoryLocation parse(String source) {
        String s = source == null ? "" : source.strip();
        if (s.isEmpty()) {
            throw new IngestException("no repository given; pass the path of a git repository or a URL to clone");
        }
        if (s.contains("://")) {
            return parseUrl(s);
        }
        var scp = SCP_LIKE.matcher(s);
        // A single letter before ':' is a Windows drive, not a host.
        if (scp.matches() && scp.group(2).length() > 1 && scp.group(1) != null) {
            return new RemoteUrl(s, scp.group(2) + ":" + scp.group(3), "ssh", scp.group(2));
        }
        try {
            return new LocalPath(Path.of(s).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new IngestException(
                    "'" + s + "' is not a valid path; pass the path of a git repository or a URL to clone");
        }
    }

    private static RemoteUrl parseUrl(String s) {
        String safe = stripUserInfo(s);
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw malformed(safe, "it is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw malformed(safe, "scheme '" + scheme + "' is not supported");
        }
        if (scheme.equals("file")) {
            if (uri.getPath() == null || uri.getPath().isEmpty()) {
                throw malformed(safe, "it names no path");
            }
            return new RemoteUrl(s, safe, scheme, null);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw malformed(safe, "it names no host");
        }
        if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")) {
            throw malformed(safe, "it names no repository path");
        }
        return new RemoteUrl(s, safe, scheme, uri.getHost());
    }

    private static IngestException malformed(String safeUrl, String why) {
        return new IngestException(
                "malformed repository URL '" + safeUrl + "': " + why
                        + "; use https://host/owner/repo.git, ssh://git@host/owner/repo.git, git@host:owner/repo.git or file:///path/to/repo");
    }

    /** The source as it may be shown: a URL without user info, a path as is. */
    static String redact(String source) {
        return source == null ? "" : stripUserInfo(source.strip());
    }

    /** Removes {@code user:password@} so that a URL can be shown. */
    static String stripUserInfo(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int authorityStart = schemeEnd + 3;
        int slash = url.indexOf('/', authorityStart);
        int authorityEnd = slash < 0 ? url.length() : slash;
        int at = url.lastIndexOf('@', authorityEnd - 1);
        if (at >= authorityStart) {
            return url.substring(0, authorityStart) + url.substring(at + 1);
        }
        return url;
    }
}
