package dev.nightshift.ingest.source;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How ingest connects to {@code ssh://} and {@code git@host:path} repositories. The key's path comes from the
 * environment or the options file, never from a URL, and is never logged (only whether one is set).
 *
 * @param keyFile        the private key (OpenSSH or PEM, not passphrase-protected: use a deploy key); {@code null}
 *                       for the user's default keys ({@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa})
 * @param knownHostsFile the known-hosts file checked (and, with {@code accept-new}, appended to)
 * @param hostKeys       how a server's host key is checked
 */
public record SshSettings(Path keyFile, Path knownHostsFile, HostKeyChecking hostKeys) {
    public static final String KEY_VARIABLE = "GIT_SSH_KEY";
    public static final String KNOWN_HOSTS_VARIABLE = "GIT_SSH_KNOWN_HOSTS";
    public static final String HOST_KEY_CHECKING_VARIABLE = "GIT_SSH_HOST_KEY_CHECKING";

    /**
     * Host key checking. The default is {@code strict}: an unattended batch process has nobody to ask, and a host
     * it has never seen could be anyone in the middle, feeding the run code of their choice (and billing us for it).
     */
    public enum HostKeyChecking {
        /** The host must be in the known-hosts file with this key. */
        STRICT,
        /** An unknown host is trusted and added to the file; a changed key is still refused. */
        ACCEPT_NEW,
        /** Any key is accepted: only for throwaway test servers. */
        OFF;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** @throws IllegalArgumentException naming the valid values */
        public static HostKeyChecking parse(String value) {
            for (HostKeyChecking c : values()) {
                if (c.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return c;
                }
            }
            throw new IllegalArgumentException(
                    "ssh host key checking '" + value + "' is not known; use strict, accept-new or off");
        }
    }

    public SshSettings {
        knownHostsFile = knownHostsFile == null ? defaultKnownHosts() : knownHostsFile;
        hostKeys = hostKeys == null ? HostKeyChecking.STRICT : hostKeys;
    }

    /**
     * From {@code GIT_SSH_KEY} (a key file's path), {@code GIT_SSH_KNOWN_HOSTS} (default
     * {@code ~/.ssh/known_hosts}) and {@code GIT_SSH_HOST_KEY_CHECKING} ({@code strict}, the default,
     * {@code accept-new} or {@code off}).
     *
     * @throws IllegalArgumentException for an unknown host key checking value
     */
    public static SshSettings fromEnvironment(Map<String, String> env) {
        String key = env.get(KEY_VARIABLE);
        String knownHosts = env.get(KNOWN_HOSTS_VARIABLE);
        String checking = env.get(HOST_KEY_CHECKING_VARIABLE);
        HostKeyChecking hostKeys;
        try {
            hostKeys = blank(checking) ? null : HostKeyChecking.parse(checking);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HOST_KEY_CHECKING_VARIABLE + ": " + e.getMessage(), e);
        }
        return new SshSettings(
                blank(key) ? null : Path.of(key.strip()),
                blank(knownHosts) ? null : Path.of(knownHosts.strip()),
                hostKeys);
    }

    public SshSettings withKeyFile(Path file) {
        return new SshSettings(file, knownHostsFile, hostKeys);
    }

    public SshSettings withKnownHostsFile(Path file) {
        return new SshSettings(keyFile, file, hostKeys);
    }

    public SshSettings withHostKeys(HostKeyChecking checking) {
        return new SshSettings(keyFile, knownHostsFile, checking);
    }

    /** No key file's path: shown in logs or messages as "set" or "default keys" only. */
    @Override
    public String toString() {
        return "SshSettings[key=" + (keyFile == null ? "default keys" : "set") + ", hostKeys=" + hostKeys.id() + "]";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Path defaultKnownHosts() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }
}
