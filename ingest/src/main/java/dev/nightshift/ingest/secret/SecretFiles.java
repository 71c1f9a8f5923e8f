package dev.nightshift.ingest.secret;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Files that are credentials by their very name (environment files, private keys, key stores, tool
 * credential files): always withheld whole, whatever the secret mode, because redacting them would leave
 * nothing worth sending.
 */
public final class SecretFiles {
    private static final Set<String> TEMPLATE_SUFFIXES =
            Set.of(".example", ".sample", ".template", ".dist", ".defaults");
    private static final Set<String> KEY_NAMES = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519");
    private static final Set<String> KEY_EXTENSIONS =
            Set.of(".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk", ".asc");
    private static final Set<String> CREDENTIAL_FILES = Set.of(
            ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".dockercfg", "credentials", ".htpasswd");

    private SecretFiles() {}

    /** @return the rule id when the file is a credential by name */
    public static Optional<String> rule(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals(".env") || lower.startsWith(".env.") || lower.endsWith(".env")) {
            boolean template = TEMPLATE_SUFFIXES.stream().anyMatch(lower::endsWith);
            return template ? Optional.empty() : Optional.of("env-file");
        }
        if (KEY_NAMES.contains(lower) || KEY_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
            return Optional.of("private-key-file");
        }
        return CREDENTIAL_FILES.contains(lower) ? Optional.of("credentials-file") : Optional.empty();
    }
}
