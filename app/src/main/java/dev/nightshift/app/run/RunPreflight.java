package dev.nightshift.app.run;

import dev.nightshift.app.cli.UserError;
import dev.nightshift.ingest.source.OpenedRepository;
import dev.nightshift.ingest.source.RefResolver;
import dev.nightshift.ingest.source.RepositoryLocation;
import dev.nightshift.ingest.source.RepositoryOpener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The checks {@code run} makes before it starts the broker or creates any state under {@code NIGHTSHIFT_HOME}, so that
 * a typo costs a second and leaves nothing behind. Each throws a {@link UserError} naming the value and the fix.
 */
final class RunPreflight {
    private RunPreflight() {}

    /**
     * A local repository is opened and {@code ref} resolved to a commit now, with ingest's own messages; a URL is
     * only checked once cloned, since cloning is the slow part the checks are meant to spare.
     *
     * @param ref {@code null} for HEAD; ignored with {@code --worktree}, which reads no commit
     */
    static void repository(String source, String ref, boolean worktree) {
        if (!(RepositoryLocation.parse(source) instanceof RepositoryLocation.LocalPath local)) {
            return;
        }
        // A local path needs no clone cache.
        try (OpenedRepository opened = new RepositoryOpener(null).open(local)) {
            if (!worktree) {
                RefResolver.resolve(opened, ref);
            }
        }
    }

    /** A port already taken would otherwise fail only after the broker and services have started. */
    static void metricsPort(Integer port, String host) {
        if (port == null) {
            return;
        }
        if (port < 0 || port > 65535) {
            throw UserError.badInput(
                    "--metrics-port " + port + " is not a port; pick one from 1 to 65535, or 0 for any");
        }
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw UserError.badInput(
                    "port " + port + " on " + host + " is in use; pick another with --metrics-port, or 0 for any");
        }
    }
}
