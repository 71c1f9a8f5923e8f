package dev.nightshift.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nightshift.ingest.secret.SecretMode;
import dev.nightshift.ingest.source.SshSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Ingest settings beyond core's {@code ingest} config section (core's loader rejects unknown keys, so
 * these live in their own YAML file, under a top-level {@code ingestOptions:} mapping; see README).
 *
 * @param cloneTimeoutSeconds   connect/read timeout of clone and fetch, so an unreachable URL fails fast
 * @param allowPrivateAddresses allow URLs whose host is loopback, link-local or private (off by default)
 * @param credentials           for private repositories, or {@code null}
 * @param secrets               what the secret guard does with a file holding a credential
 * @param testGroupTokens       a class (or file) up to this many tokens is one tests job; larger ones split
 * @param ssh                   the key and host key checking for ssh URLs
 */
public record IngestOptions(
        int cloneTimeoutSeconds,
        boolean allowPrivateAddresses,
        CredentialsProvider credentials,
        SecretMode secrets,
        long testGroupTokens,
        SshSettings ssh) {
    private static final Set<String> KEYS = Set.of(
            "cloneTimeoutSeconds",
            "allowPrivateAddresses",
            "secrets",
            "testGroupTokens",
            "sshKeyFile",
            "sshKnownHostsFile",
            "sshHostKeyChecking");

    public IngestOptions {
        if (cloneTimeoutSeconds <= 0) {
            throw new IllegalArgumentException(
                    "ingestOptions.cloneTimeoutSeconds must be > 0, got " + cloneTimeoutSeconds);
        }
        if (testGroupTokens <= 0) {
            throw new IllegalArgumentException("ingestOptions.testGroupTokens must be > 0, got " + testGroupTokens);
        }
        secrets = secrets == null ? SecretMode.REDACT : secrets;
        ssh = ssh == null ? new SshSettings(null, null, null) : ssh;
    }

    /** Options with the default ssh settings. */
    public IngestOptions(
            int cloneTimeoutSeconds,
            boolean allowPrivateAddresses,
            CredentialsProvider credentials,
            SecretMode secrets,
            long testGroupTokens) {
        this(cloneTimeoutSeconds, allowPrivateAddresses, credentials, secrets, testGroupTokens, null);
    }

    public static IngestOptions defaults() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Defaults, with credentials from {@code GIT_TOKEN} (and {@code GIT_USERNAME}, default
     * {@code x-access-token}) when set; the token never appears in a URL, a log or a message. SSH settings come
     * from {@code GIT_SSH_KEY}, {@code GIT_SSH_KNOWN_HOSTS} and {@code GIT_SSH_HOST_KEY_CHECKING} ({@link SshSettings}).
     */
    public static IngestOptions fromEnvironment(Map<String, String> env) {
        String token = env.get("GIT_TOKEN");
        CredentialsProvider credentials = token == null || token.isBlank()
                ? null
                : new UsernamePasswordCredentialsProvider(env.getOrDefault("GIT_USERNAME", "x-access-token"), token);
        return new IngestOptions(20, false, credentials, SecretMode.REDACT, 6000, SshSettings.fromEnvironment(env));
    }

    /**
     * Reads the {@code ingestOptions:} mapping of a YAML file over the defaults.
     *
     * @throws IllegalArgumentException naming the file and the bad key
     */
    public static IngestOptions load(Path file, Map<String, String> env) {
        IngestOptions o = fromEnvironment(env);
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("ingest options file '" + file + "' cannot be read as YAML: "
                    + e.getMessage().lines().findFirst().orElse("") + "; fix the file or leave it out");
        }
        JsonNode section = root == null ? null : root.get("ingestOptions");
        if (section == null || section.isNull()) {
            return o;
        }
        for (Iterator<String> names = section.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(
                        "ingest options file '" + file + "': unknown key 'ingestOptions." + name + "'; known keys: "
                                + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        try {
            return new IngestOptions(
                    section.path("cloneTimeoutSeconds").asInt(o.cloneTimeoutSeconds()),
                    section.path("allowPrivateAddresses").asBoolean(o.allowPrivateAddresses()),
                    o.credentials(),
                    section.has("secrets")
                            ? SecretMode.parse(section.get("secrets").asText())
                            : o.secrets(),
                    section.path("testGroupTokens").asLong(o.testGroupTokens()),
                    ssh(section, o.ssh()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ingest options file '" + file + "': " + e.getMessage(), e);
        }
    }

    private static SshSettings ssh(JsonNode section, SshSettings env) {
        SshSettings s = env;
        if (section.hasNonNull("sshKeyFile")) {
            s = s.withKeyFile(Path.of(section.get("sshKeyFile").asText()));
        }
        if (section.hasNonNull("sshKnownHostsFile")) {
            s = s.withKnownHostsFile(Path.of(section.get("sshKnownHostsFile").asText()));
        }
        if (section.hasNonNull("sshHostKeyChecking")) {
            s = s.withHostKeys(SshSettings.HostKeyChecking.parse(
                    section.get("sshHostKeyChecking").asText()));
        }
        return s;
    }

    public IngestOptions withAllowPrivateAddresses(boolean allow) {
        return new IngestOptions(cloneTimeoutSeconds, allow, credentials, secrets, testGroupTokens, ssh);
    }

    public IngestOptions withCloneTimeoutSeconds(int seconds) {
        return new IngestOptions(seconds, allowPrivateAddresses, credentials, secrets, testGroupTokens, ssh);
    }

    public IngestOptions withSecrets(SecretMode mode) {
        return new IngestOptions(cloneTimeoutSeconds, allowPrivateAddresses, credentials, mode, testGroupTokens, ssh);
    }

    public IngestOptions withSsh(SshSettings settings) {
        return new IngestOptions(
                cloneTimeoutSeconds, allowPrivateAddresses, credentials, secrets, testGroupTokens, settings);
    }

    public IngestOptions withTestGroupTokens(long tokens) {
        return new IngestOptions(cloneTimeoutSeconds, allowPrivateAddresses, credentials, secrets, tokens, ssh);
    }
}
