package dev.nightshift.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real SSH git server on 127.0.0.1 (Apache MINA sshd, JGit's {@link UploadPack}): public-key authentication
 * only, for one client key; serves {@code git-upload-pack '/<name>'} for the repositories it was given.
 */
final class SshGitServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;
    private final AtomicInteger sessions = new AtomicInteger();

    private SshGitServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /** @param repositories URL path (e.g. {@code /shop.git}) → the git folder served there */
    static SshGitServer start(KeyPair clientKey, Map<String, Path> repositories) throws Exception {
        KeyPair hostKey = newKey();
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        SshGitServer git = new SshGitServer(server, hostKey);
        server.setCommandFactory((channel, command) -> git.command(command, repositories));
        server.start();
        return git;
    }

    static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** Writes the private key in OpenSSH format, as {@code ssh-keygen} would. */
    static Path writePrivateKey(KeyPair key, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "nightshift-test", null, out);
        }
        return file;
    }

    int port() {
        return server.getPort();
    }

    /** Connections that asked for a git command. */
    int commands() {
        return sessions.get();
    }

    /** The known_hosts line for this server ({@code [127.0.0.1]:port key-type base64}). */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n";
    }

    private Command command(String command, Map<String, Path> repositories) {
        sessions.incrementAndGet();
        return new AbstractCommandSupport(command, null) {
            @Override
            public void run() {
                String prefix = "git-upload-pack '";
                Path gitDir = command.startsWith(prefix) && command.endsWith("'")
                        ? repositories.get(command.substring(prefix.length(), command.length() - 1))
                        : null;
                if (gitDir == null) {
                    fail(128, "fatal: not a served repository: " + command);
                    return;
                }
                try (Repository repo = new FileRepositoryBuilder()
                        .setGitDir(gitDir.toFile())
                        .setMustExist(true)
                        .build()) {
                    new UploadPack(repo).upload(getInputStream(), getOutputStream(), getErrorStream());
                    onExit(0);
                } catch (IOException e) {
                    fail(1, "fatal: " + e.getMessage());
                }
            }

            private void fail(int code, String message) {
                try {
                    getErrorStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
                    getErrorStream().flush();
                } catch (IOException ignored) {
                    // The client went away; the exit code still ends the channel.
                }
                onExit(code, message);
            }
        };
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
