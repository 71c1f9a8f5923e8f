package dev.nightshift.ingest.source;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * JGit's SSH transport (Apache MINA sshd) set up from {@link SshSettings}: key-based authentication with the
 * configured key (or the user's default keys), and host keys checked against the configured known-hosts file
 * with the configured strictness, whatever {@code ~/.ssh/config} says about {@code StrictHostKeyChecking}.
 * One factory per clone or fetch, closed with it.
 */
final class SshSessions implements AutoCloseable {
    private final SshdSessionFactory factory;

    SshSessions(SshSettings settings) {
        File home = new File(System.getProperty("user.home"));
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home)
                .setSshDirectory(new File(home, ".ssh"))
                .setPreferredAuthentications("publickey")
                .setDefaultKnownHostsFiles(sshDir -> List.of(settings.knownHostsFile()))
                .setServerKeyDatabase((userHome, sshDir) -> new KnownHosts(settings));
        if (settings.keyFile() != null) {
            builder.setDefaultIdentities(sshDir -> List.of(settings.keyFile()));
        }
        this.factory = builder.build(new JGitKeyCache());
    }

    /** Hands the factory to SSH transports; other transports are left alone. */
    TransportConfigCallback callback() {
        return transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(factory);
            }
        };
    }

    @Override
    public void close() {
        factory.close();
    }

    /** The known-hosts file and strictness of the settings, over JGit's OpenSSH-compatible database. */
    private static final class KnownHosts implements ServerKeyDatabase {
        private final SshSettings settings;
        private final ServerKeyDatabase files;

        KnownHosts(SshSettings settings) {
            this.settings = settings;
            this.files = new OpenSshServerKeyDatabase(false, List.of(settings.knownHostsFile()));
        }

        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return files.lookup(connectAddress, remoteAddress, configured(config));
        }

        @Override
        public boolean accept(
                String connectAddress,
                InetSocketAddress remoteAddress,
                PublicKey serverKey,
                Configuration config,
                CredentialsProvider provider) {
            if (settings.hostKeys() == SshSettings.HostKeyChecking.OFF) {
                return true;
            }
            return files.accept(connectAddress, remoteAddress, serverKey, configured(config), provider);
        }

        private Configuration configured(Configuration config) {
            Path file = settings.knownHostsFile();
            Configuration.StrictHostKeyChecking strictness =
                    settings.hostKeys() == SshSettings.HostKeyChecking.ACCEPT_NEW
                            ? Configuration.StrictHostKeyChecking.ACCEPT_NEW
                            : Configuration.StrictHostKeyChecking.REQUIRE_MATCH;
            return new Configuration() {
                @Override
                public List<String> getUserKnownHostsFiles() {
                    return List.of(file.toString());
                }

                @Override
                public List<String> getGlobalKnownHostsFiles() {
                    return List.of();
                }

                @Override
                public Configuration.StrictHostKeyChecking getStrictHostKeyChecking() {
                    return strictness;
                }

                @Override
                public boolean getHashKnownHosts() {
                    return config.getHashKnownHosts();
                }

                @Override
                public String getUsername() {
                    return config.getUsername();
                }
            };
        }
    }
}
