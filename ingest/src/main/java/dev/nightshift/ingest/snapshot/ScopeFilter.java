package dev.nightshift.ingest.snapshot;

import java.util.Optional;

/**
 * Keeps one sub-tree of the repository ({@code --path}): the folders on the way to it, and everything inside it.
 * What lies outside is left out by folder, so the report names each folder once rather than every file in it.
 */
public final class ScopeFilter implements PathFilter {
    static final String REASON = "outside-path";

    private final String scope;

    /** @param scope a clean relative path (no leading or trailing slash) */
    public ScopeFilter(String scope) {
        this.scope = scope;
    }

    @Override
    public Optional<String> exclude(String path, boolean directory) {
        boolean inside = path.equals(scope) || path.startsWith(scope + "/");
        boolean onTheWay = directory && scope.startsWith(path + "/");
        return inside || onTheWay ? Optional.empty() : Optional.of(REASON + ":" + scope);
    }
}
