package dev.nightshift.ingest.filter;

import dev.nightshift.ingest.snapshot.PathFilter;
import java.util.Optional;
import java.util.Set;

/**
 * Folders of other people's code that a run should neither pay for nor document: package-manager
 * installs, vendored dependencies, virtual environments. Matched by folder name at any depth; the folder
 * is reported once and never entered.
 */
public final class VendoredFolders implements PathFilter {
    public static final Set<String> NAMES = Set.of(
            "node_modules",
            "bower_components",
            "jspm_packages",
            "vendor",
            "third_party",
            "third-party",
            "thirdparty",
            "external",
            "Pods",
            "Carthage",
            ".venv",
            "venv",
            "site-packages",
            "__pypackages__",
            ".tox",
            ".bundle",
            ".yarn",
            ".pnpm-store",
            ".gradle",
            ".mvn",
            "__pycache__");

    @Override
    public Optional<String> exclude(String path, boolean directory) {
        if (!directory) {
            return Optional.empty();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return NAMES.contains(name) ? Optional.of("vendored") : Optional.empty();
    }
}
