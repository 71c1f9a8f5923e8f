package dev.nightshift.ingest.snapshot;

import java.util.Optional;

/** Decides from a path alone (no content) whether a file or a whole folder stays out of the run. */
@FunctionalInterface
public interface PathFilter {
    PathFilter NONE = (path, directory) -> Optional.empty();

    /** @return the reason to leave the path out, or empty to keep it */
    Optional<String> exclude(String path, boolean directory);

    default PathFilter then(PathFilter next) {
        return (path, directory) -> {
            Optional<String> reason = exclude(path, directory);
            return reason.isPresent() ? reason : next.exclude(path, directory);
        };
    }
}
